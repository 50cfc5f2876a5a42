import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectTrackingNumber, isValidTrackingNumberFor, normalizeTrackingNumber } from "./detect";
import { PARCEL_CARRIERS, TRACKING_FORMATS } from "./formats";
import { generateSampleNumber, SAMPLE_GENERATORS, seededRandom } from "./sample-numbers";

interface FormatCase {
  format: string;
  carrier: string;
  valid: string[];
  /** Each one a valid number with a single character changed, or a broken shape for formats without a check digit. */
  invalid: string[];
}

// Valid numbers are published examples (carrier documentation, jkeen/tracking_number_data test
// numbers) whose check digits the hand-computed tests in check-digits.test.ts confirm.
const CASES: FormatCase[] = [
  {
    format: "ups_1z",
    carrier: "ups",
    valid: ["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591", "1Z8V92A70367203024", "1ZXX3150YW44070023"],
    invalid: ["1Z5R89390357567128", "1Z5R89390357567137", "1Z879E930346834450", "1Z1111111111111111"],
  },
  {
    format: "ups_waybill",
    carrier: "ups",
    valid: ["K1506235620", "K2479825491", "J4603636537", "V0490119172", "V0431105627"],
    invalid: ["K2479825492", "K2479835491", "J4603636538"],
  },
  {
    format: "fedex_express_12",
    carrier: "fedex",
    valid: ["986578788855", "477179081230", "799531274483", "790535312317", "974367662710"],
    invalid: ["986578788856", "996578788855", "477179081231"],
  },
  {
    format: "fedex_express_34",
    carrier: "fedex",
    // 1027…: form code 275 (not "100"); its check digit is worked out in check-digits.test.ts.
    valid: ["1001921334250001000300779017972697", "1001901781990001000300617767839437", "1002297871540001000300790695517286", "1027590111820004833500785458233610"],
    invalid: ["1001901781990001000300617767839438", "1001921334250001000300779017972698", "1027590111820004833500785458233611", "2027590111820004833500785458233610"],
  },
  {
    format: "fedex_astra_32",
    carrier: "fedex",
    valid: ["32971514560102447849175802862014", "32971510360102447848540980802018", "33810799560000004380417923803212"],
    invalid: ["32971514560102447849175802852014", "32971514560102447849175802872014"],
  },
  {
    format: "fedex_ground_15",
    carrier: "fedex",
    valid: ["041441760228964", "568283610012000", "568283610012734"],
    invalid: ["041441760228965", "568283610012732", "568283610013734"],
  },
  {
    format: "fedex_ground_sscc18",
    carrier: "fedex",
    valid: ["000123450000000027"],
    invalid: ["000123450000000028", "000123450000000127", "000000000000000001"],
  },
  {
    format: "fedex_ground_96",
    carrier: "fedex",
    valid: ["9611020987654312345672"],
    invalid: ["9611020987654312345673", "9600000000000000000001"],
  },
  {
    format: "fedex_ground_gsn",
    carrier: "fedex",
    valid: ["9622001900000000000000776632517510", "9622001560001234567100794808390594"],
    invalid: ["9622001560001234567100794808390595", "9622001900000000000000776632517511"],
  },
  {
    format: "fedex_smartpost",
    carrier: "fedex",
    valid: ["61299998820821171811", "9261292700768711948021", "62330483154062457123"],
    // 9233…: the valid 6233… with its first digit changed, which a check without the implied "92" misses.
    invalid: ["61299998820821171813", "9261292700768711948020", "92330483154062457123"],
  },
  {
    format: "usps_impb",
    carrier: "usps",
    valid: [
      "9400111201080805483016",
      "9361289878700317633795",
      "9505511069605048600624",
      "9101123456789000000013",
      "92748931507708513018050063",
      "940011291234567812345678901233",
    ],
    invalid: ["9400111201080805483017", "9400111201080805493016", "92748931507708513018050064"],
  },
  {
    format: "usps_impb_routed",
    carrier: "usps",
    valid: ["420221539101026837331000039521", "420787459400111206206406260787"],
    invalid: ["420221539101026837331000039522", "420787459400111206206406260788"],
  },
  {
    format: "usps_impb_routed_zip4",
    carrier: "usps",
    valid: ["4201002334249200190132607600833457", "4201028200009261290113185417468510"],
    invalid: ["4201028200009261290113185417468511", "4201002334249200190132607600833458"],
  },
  {
    format: "usps_20",
    carrier: "usps",
    valid: ["03071790000523483741", "71123456789123456787"],
    invalid: ["03071790000523483740", "71123456789123456788"],
  },
  {
    format: "usps_20_implied_91",
    carrier: "usps",
    valid: ["71969010756003077385"],
    invalid: ["71969010756003077386", "71969010756003077395"],
  },
  {
    format: "dhl_express",
    carrier: "dhl",
    valid: ["3318810025", "8487135506", "1099255990", "3821724944", "73891051146"],
    invalid: ["3318810026", "3318810010", "73891051147"],
  },
  { format: "dhl_piece_id", carrier: "dhl", valid: ["JJD0099999999", "JVGL0999999990", "JJD000390007880734937"], invalid: ["XJD0099999998"] },
  { format: "dhl_parcel_3s", carrier: "dhl", valid: ["3SBCC000123456"], invalid: ["3TBCC000123456", "3SBCC00012", "3S1CC000123456"] },
  // GM99999999999 is DHL's own example on its tracking-ID page.
  { format: "dhl_ecommerce", carrier: "dhl", valid: ["GM2951173225174494", "GM295117494011169042", "GM99999999999"], invalid: ["GS295117494011169041", "GM999999999"] },
  { format: "amazon_tba", carrier: "amazon", valid: ["TBA000000000000", "TBA502887274000", "TBC305938274011"], invalid: ["TBB000000000000", "TBA50288727400A"] },
  // No published Amazon C numbers: these follow the shape reported from real labels (C, 1/2/A/E, ten digits).
  { format: "amazon_c", carrier: "amazon", valid: ["C10012345673", "C20098765433", "CA0011223343", "CE0055667783"], invalid: ["C1001234567", "C100123456733", "CAA012345673", "D10012345673"] },
  { format: "canada_post_16", carrier: "canada_post", valid: ["0073938000549297"], invalid: ["0073938000549292", "0073938000549298"] },
  { format: "canpar", carrier: "canpar", valid: ["D576002440000001718010", "L576002440000000001004", "S576002440000000025001"], invalid: ["M576002440000002510003"] },
  {
    format: "purolator_12",
    carrier: "purolator",
    valid: ["320595463938", "320606146993", "331426749957", "331434972567"],
    invalid: ["320595463939", "331426749958", "720595463938"],
  },
  { format: "purolator_pin", carrier: "purolator", valid: ["KYV009956937", "CGK002986959"], invalid: ["KY0099569371"] },
  { format: "dpd_14", carrier: "dpd", valid: ["09980000020034D"], invalid: ["09980000020034E", "09980000020035D"] },
  {
    format: "dpd_28",
    carrier: "dpd",
    valid: ["008182709980000020033350276C", "008182709980000020045327276N"],
    invalid: ["008182709980000020033350276A", "008182709980000020045327277N"],
  },
  {
    format: "ontrac",
    carrier: "ontrac",
    valid: ["C11031500001879", "C10999911320231", "D10011354453707", "D10011342332145"],
    invalid: ["C11031500001889", "C10000000000000", "D10011354453708"],
  },
  {
    format: "lasership",
    carrier: "lasership",
    // LX…35/36 are published; the LA/LE/LH/LI/LN ones follow the documented shape (prefix + 8 digits).
    valid: ["LX17635036", "LX17635035", "LA17635036", "LE12345678", "LH20481632", "LI30000001", "LN99887766", "1LS717793482164", "1LS71190136181271"],
    invalid: ["LB17635036", "LA1763503", "LA176350361", "1LS734505321754", "1LS71190136181272"],
  },
  { format: "speedee", carrier: "speedee", valid: ["SP029692510000920746"], invalid: ["SX029692510000920746"] },
  { format: "gofo", carrier: "gofo", valid: ["GFUS01011884214464", "GFUS01011884214272"], invalid: ["GFUS0101188421446"] },
  {
    format: "old_dominion",
    carrier: "old_dominion",
    valid: ["07209562763", "77767553207", "77806528897", "80003280379", "80993847369"],
    invalid: ["07209562773", "80003280389", "10000000000"],
  },
  { format: "landmark", carrier: "landmark", valid: ["LTN74207623N1", "LTN74224021N1"], invalid: ["LSN74209518N1"] },
  { format: "yodel", carrier: "yodel", valid: ["JJD0002257639032011", "JD0002242617644732"], invalid: ["JC0002254405060992", "JD000225440506099"] },
  { format: "yunexpress", carrier: "yunexpress", valid: ["YT2229521272164446"], invalid: ["YT123456789012345"] },
  {
    format: "s10",
    carrier: "royal_mail",
    valid: ["RB123456785GB"],
    invalid: ["RB123456786GB", "RB123456775GB", "RB123456785XX"],
  },
];

describe("tracking-number formats", () => {
  it("has a table case and a sample generator for every format", () => {
    const tested = new Set(CASES.map((testCase) => testCase.format));
    for (const format of TRACKING_FORMATS) {
      expect(tested, format.id).toContain(format.id);
      expect(SAMPLE_GENERATORS, format.id).toHaveProperty(format.id);
    }
  });

  it("covers every carrier the issue names", () => {
    const carriers = new Set(TRACKING_FORMATS.map((format) => format.carrier));
    for (const carrier of PARCEL_CARRIERS) expect(carriers, carrier).toContain(carrier);
  });

  describe.each(CASES)("$format", ({ format, carrier, valid, invalid }) => {
    it.each(valid)("accepts %s", (number) => {
      const detection = detectTrackingNumber(number);
      expect(detection.valid).toBe(true);
      expect(detection.candidates).toContainEqual(expect.objectContaining({ format, carrier, valid: true }));
    });

    it.each(invalid)("rejects %s", (number) => {
      const detection = detectTrackingNumber(number);
      expect(detection.candidates.map((candidate) => candidate.format)).not.toContain(format);
    });
  });
});

describe("detectTrackingNumber", () => {
  it("normalizes spaces, dashes, lower case and full-width characters", () => {
    expect(normalizeTrackingNumber(" 1z 5r8-939.03 ")).toBe("1Z5R893903");
    expect(normalizeTrackingNumber("９４００\u00a01112")).toBe("94001112");
    expect(normalizeTrackingNumber("9400\u200b1112")).toBe("94001112");
    const detection = detectTrackingNumber("1z 5r8 939 0357 5671 27");
    expect(detection.normalized).toBe("1Z5R89390357567127");
    expect(detection.candidates[0]).toMatchObject({ carrier: "ups", format: "ups_1z", service: "UPS Ground" });
  });

  it("reports the service, tracking URL and the tracking number inside long barcodes", () => {
    expect(detectTrackingNumber("1Z5R89390357567127").candidates[0]).toEqual({
      carrier: "ups",
      format: "ups_1z",
      valid: true,
      checkDigitVerified: true,
      service: "UPS Ground",
      trackingNumber: "1Z5R89390357567127",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z5R89390357567127",
    });
    expect(detectTrackingNumber("4201002334249200190132607600833457").candidates[0]).toMatchObject({
      carrier: "usps",
      trackingNumber: "9200190132607600833457",
    });
    expect(detectTrackingNumber("32971514560102447849175802862014").candidates[0]).toMatchObject({
      carrier: "fedex",
      trackingNumber: "784917580286",
      trackingUrl: "https://www.fedex.com/fedextrack/?trknbr=784917580286",
    });
  });

  it("names the issuing postal operator of S10 items", () => {
    const cases: [string, string, string][] = [
      ["RR123456785CN", "china_post", "CN"],
      ["RB123456785GB", "royal_mail", "GB"],
      ["CP123456785FR", "la_poste", "FR"],
      ["RR123456785DE", "deutsche_post", "DE"],
      ["EE123456785JP", "japan_post", "JP"],
      ["EG123456785KR", "korea_post", "KR"],
      ["RR123456785AU", "australia_post", "AU"],
      ["LZ123456785US", "usps", "US"],
    ];
    for (const [number, carrier, country] of cases) {
      expect(detectTrackingNumber(number).candidates).toEqual([
        expect.objectContaining({ carrier, format: "s10", country, valid: true }),
      ]);
    }
    expect(detectTrackingNumber("EE123456785JP").candidates[0]?.service).toBe("EMS");
  });

  it("returns every plausible reading, not the first match", () => {
    // A 22-digit "92" IMpb is both a USPS number and a FedEx Ground Economy (SmartPost) number.
    const carriers = detectTrackingNumber("9261292700768711948021").candidates.map((candidate) => candidate.carrier);
    expect(carriers.sort()).toEqual(["fedex", "usps"]);
    // 287809468872 passes both FedEx Express (mod 11) and Purolator (Luhn).
    const formats = detectTrackingNumber("287809468872").candidates.map((candidate) => candidate.format);
    expect(formats.sort()).toEqual(["fedex_express_12", "purolator_12"]);
  });

  it("lets a hint reorder candidates but never invent one", () => {
    const plain = detectTrackingNumber("287809468872").candidates.map((candidate) => candidate.carrier);
    expect(plain).toEqual(["fedex", "purolator"]);
    const hinted = detectTrackingNumber("287809468872", { hint: "Purolator" });
    expect(hinted.candidates.map((candidate) => candidate.carrier)).toEqual(["purolator", "fedex"]);
    const unrelated = detectTrackingNumber("1Z5R89390357567127", { hint: ["FedEx Ground", "USPS"] });
    expect(unrelated.candidates.map((candidate) => candidate.carrier)).toEqual(["ups"]);
    const invalid = detectTrackingNumber("1Z5R89390357567128", { hint: "UPS" });
    expect(invalid.candidates).toEqual([]);
  });

  it("resolves hint names through the shop's own carrier mappings", () => {
    const detection = detectTrackingNumber("287809468872", {
      hint: "Our Canadian courier",
      carrierNames: [{ name: "our canadian courier", carrier: "purolator" }],
    });
    expect(detection.candidates[0]?.carrier).toBe("purolator");
  });

  it("explains why a number is invalid", () => {
    expect(detectTrackingNumber("").reason).toBe("no letters or digits");
    expect(detectTrackingNumber("12345").reason).toBe("no tracking number format is 5 characters long");
    expect(detectTrackingNumber("2Z5R89390357567127").reason).toBe("does not match any known tracking number format");
    const typo = detectTrackingNumber("1Z5R89390357567128");
    expect(typo).toMatchObject({ valid: false, candidates: [] });
    expect(typo.reason).toBe("check digit failed (ups_1z: check digit is 8, expected 7)");
    expect(typo.rejected).toEqual([expect.objectContaining({ carrier: "ups", format: "ups_1z", valid: false })]);
  });

  it("answers whether a number is valid for a given carrier", () => {
    expect(isValidTrackingNumberFor("1Z5R89390357567127", "ups")).toBe(true);
    expect(isValidTrackingNumberFor("1Z5R89390357567127", "fedex")).toBe(false);
  });
});

describe("detection properties", () => {
  const formatIds = TRACKING_FORMATS.map((format) => format.id);
  const checked = TRACKING_FORMATS.filter((format) => format.check).map((format) => format.id);

  it("accepts every generated number of every format, under its carrier", () => {
    fc.assert(
      fc.property(fc.constantFrom(...formatIds), fc.integer(), (format, seed) => {
        const sample = generateSampleNumber(format, seededRandom(seed));
        const detection = detectTrackingNumber(sample.number);
        expect(detection.candidates).toContainEqual(expect.objectContaining({ format, carrier: sample.carrier }));
      }),
      { numRuns: 2000 },
    );
  });

  function checkOf(format: string, number: string): string | undefined {
    return TRACKING_FORMATS.find((entry) => entry.id === format)?.pattern.exec(number)?.groups?.check;
  }

  /**
   * Which single-digit substitutions an algorithm cannot see, by its published definition. GS1
   * (3/1), Luhn and ISO 7064 catch them all; the others have known blind spots, asserted exactly.
   */
  function isKnownBlindSpot(format: string, original: string, changed: string, index: number): boolean {
    const delta = Math.abs(Number(original[index]) - Number(changed[index]));
    const rule = TRACKING_FORMATS.find((entry) => entry.id === format)?.check;
    switch (rule?.algorithm) {
      case "mod10":
        // Weight 2 cannot tell d from d±5 (2·5 = 10); weights 3 and 1 always can.
        return rule.weights.odd === 2 && delta === 5;
      case "mod7":
        // A change of 7 at any place value is a multiple of 7.
        return delta === 7;
      case "mod11_10":
        // Remainders 0 and 10 both give check digit 0; every other remainder has its own digit.
        return checkOf(format, original) === "0";
      case "s10":
        // Remainders 0 (11 → 5) and 6 (11 − 6) both give check digit 5.
        return checkOf(format, original) === "5";
      default:
        return false;
    }
  }

  /** Positions of `number` that the format's check digit covers: its payload and the check itself. */
  function checkedPositions(format: string, number: string): number[] {
    const pattern = TRACKING_FORMATS.find((entry) => entry.id === format)?.pattern;
    const match = pattern ? new RegExp(pattern.source, "d").exec(number) : null;
    const spans = [match?.indices?.groups?.payload, match?.indices?.groups?.check];
    return spans.flatMap((span) =>
      span ? Array.from({ length: span[1] - span[0] }, (_, offset) => span[0] + offset) : [],
    ).filter((index) => /\d/.test(number.charAt(index)));
  }

  /** A generated number of `format` with one covered digit changed by `step`. */
  const mutation = (formats: string[]) =>
    fc
      .tuple(fc.constantFrom(...formats), fc.integer(), fc.nat(), fc.integer({ min: 1, max: 9 }))
      .map(([format, seed, at, step]) => {
        const original = generateSampleNumber(format, seededRandom(seed)).number;
        const positions = checkedPositions(format, original);
        const index = positions[at % positions.length] ?? 0;
        const changed =
          original.slice(0, index) + String((Number(original[index]) + step) % 10) + original.slice(index + 1);
        return { format, original, changed, index };
      });

  const readsAs = (number: string, format: string) =>
    detectTrackingNumber(number).candidates.some((candidate) => candidate.format === format);

  it("changes only digits the check digit covers", () => {
    expect(checkedPositions("ups_1z", "1Z5R89390357567127")).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(checkedPositions("fedex_astra_32", "32971514560102447849175802862014")).toEqual(
      Array.from({ length: 12 }, (_, offset) => 16 + offset),
    );
  });

  it("never accepts a single-digit change under the same format, except the algorithm's documented blind spots", () => {
    fc.assert(
      fc.property(mutation(checked), ({ format, original, changed, index }) => {
        if (readsAs(changed, format)) {
          expect(isKnownBlindSpot(format, original, changed, index), `${original} -> ${changed}`).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("never accepts a single-digit change for GS1, Luhn and ISO 7064 formats", () => {
    const strict = TRACKING_FORMATS.filter(
      (format) =>
        format.check &&
        (format.check.algorithm === "luhn" ||
          format.check.algorithm === "mod37_36" ||
          (format.check.algorithm === "mod10" && format.check.weights.odd !== 2)),
    ).map((format) => format.id);
    expect(strict.length).toBeGreaterThan(8);
    fc.assert(
      fc.property(mutation(strict), ({ format, original, changed }) => {
        expect(readsAs(changed, format), `${original} -> ${changed}`).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("never throws on arbitrary Unicode input up to 10 KB", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 10_240 }), (input) => {
        const detection = detectTrackingNumber(input);
        expect(typeof detection.valid).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    // Pictographs and spaces are noise around a number, not part of it.
    expect(detectTrackingNumber("\u{1F4E6}".repeat(2_500) + "1Z5R89390357567127").valid).toBe(true);
    expect(detectTrackingNumber("\u{1F4E6} 1Z5R89390357567127 \u{1F69A}").valid).toBe(true);
  });
});

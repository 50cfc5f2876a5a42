import type { Mod10Weights } from "./check-digits";

/**
 * Every tracking-number format we recognise, as data. Detection (detect.ts) buckets these by
 * length and first character, runs the anchored pattern on the normalized number (upper case,
 * letters and digits only), then the check rule on the `payload` and `check` groups.
 *
 * Pattern groups: `payload` + `check` (what the check digit covers and the digit itself),
 * `service` (looked up in `services`), `country` (S10: picks the postal operator), `tracking`
 * (the part to send to the carrier when a barcode wraps a shorter tracking number).
 *
 * Sources: the carriers' published label specifications (UPS, FedEx Ground label layout, USPS
 * Pub 199 IMpb, UPU S10, GS1) as collected by the jkeen/tracking_number_data project.
 */

export type CheckRule =
  | {
      algorithm: "mod10";
      weights: Mod10Weights;
      /** Prepended to the payload when it does not already start with it (a dropped "91"/"92"). */
      impliedPrefix?: string;
    }
  | { algorithm: "mod7" }
  | { algorithm: "s10" }
  | { algorithm: "luhn" }
  | { algorithm: "mod37_36" }
  | { algorithm: "mod11_10"; weightsFromRight: readonly number[] };

export interface TrackingFormat {
  /** Stable snake_case id, reported as `format`. */
  id: string;
  /** Carrier code; "postal" means the issuing postal operator is read from the `country` group. */
  carrier: string;
  name: string;
  /** Every normalized length the pattern can match; used to bucket formats before any regex. */
  lengths: readonly number[];
  /** Every character the normalized number can start with. */
  first: string;
  pattern: RegExp;
  check?: CheckRule;
  /** A literal prefix that only this carrier uses (1Z, TBA, GFUS …): ranks above bare digits. */
  distinctive: boolean;
  services?: Readonly<Record<string, string>>;
  /** Take the tracking number as the last N characters (long barcodes around a short number). */
  trackingLast?: number;
  /** "{number}" is replaced by the tracking number. */
  trackingUrl?: string;
}

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** GS1 / USPS mod 10: rightmost payload digit weighs 3, the next 1, and so on. */
const GS1: Mod10Weights = { even: 3, odd: 1, fromRight: true };
/** UPS mod 10: from the left, odd positions double, letters folded the UPS way. */
const UPS_MOD10: Mod10Weights = { even: 1, odd: 2, letters: true };
/** FedEx Express: weights 1, 3, 7 from the rightmost payload digit, sum mod 11 mod 10. */
const FEDEX_WEIGHTS = [1, 3, 7] as const;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const URL = {
  ups: "https://www.ups.com/track?tracknum={number}",
  fedex: "https://www.fedex.com/fedextrack/?trknbr={number}",
  usps: "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
  dhlExpress: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
  dhlParcel: "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={number}",
  dhlEcommerce: "https://www.dhl.com/us-en/home/tracking/tracking-ecommerce.html?submit=1&tracking-id={number}",
  amazon: "https://track.amazon.com/tracking/{number}",
  canadaPost: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}",
  canpar: "https://www.canpar.com/en/tracking/track.htm?barcode={number}",
  purolator: "https://www.purolator.com/en/shipping/tracker?pin={number}",
  dpd: "https://tracking.dpd.de/status/en_US/parcel/{number}",
  ontrac: "https://www.ontrac.com/tracking/?number={number}",
  speedee: "https://speedeedelivery.com/track-a-parcel/?trackingNumber={number}",
  gofo: "https://www.gofoexpress.com/tracking.html?searchID={number}",
  oldDominion: "https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers={number}",
  landmark: "https://track.landmarkglobal.com/?search={number}",
  yodel: "https://www.yodel.co.uk/tracking/{number}",
  yunexpress: "https://www.yuntrack.com/parcelTracking?id={number}",
} as const;

/** UPS service codes: characters 9–10 of a 1Z number. */
const UPS_SERVICES: Readonly<Record<string, string>> = {
  "01": "UPS Next Day Air",
  "02": "UPS 2nd Day Air",
  "03": "UPS Ground",
  "12": "UPS 3 Day Select",
  "13": "UPS Next Day Air Saver",
  "15": "UPS Next Day Air Early",
  "22": "UPS Ground (Returns Plus, three pickup attempts)",
  "32": "UPS Next Day Air Early (COD)",
  "33": "UPS Next Day Air Early (Saturday, COD)",
  "41": "UPS Next Day Air Early (Saturday)",
  "42": "UPS Ground (signature required)",
  "44": "UPS Next Day Air (Saturday)",
  "66": "UPS Worldwide Express",
  "72": "UPS Ground (COD)",
  "78": "UPS Ground (Returns Plus, one pickup attempt)",
  "90": "UPS Ground (returns)",
  A0: "UPS Next Day Air Early (adult signature)",
  A1: "UPS Next Day Air Early (Saturday, adult signature)",
  A2: "UPS Next Day Air (adult signature)",
  A8: "UPS Ground (adult signature)",
  A9: "UPS Next Day Air Early (adult signature, COD)",
  AA: "UPS Next Day Air Early (Saturday, adult signature, COD)",
  YW: "UPS SurePost (delivered by USPS)",
};

/** USPS 20-digit numbers: the first two digits name the extra service. */
const USPS_20_SERVICES: Readonly<Record<string, string>> = {
  "71": "Certified Mail",
  "73": "Insured Mail",
  "77": "Registered Mail",
  "81": "Return Receipt for Merchandise",
};

/** DPD product codes inside the 28-character parcel label. */
const DPD_SERVICES: Readonly<Record<string, string>> = {
  "101": "DPD Classic",
  "102": "DPD Classic (hazardous goods)",
  "105": "DPD Classic (ex works)",
  "109": "DPD Classic (COD)",
  "113": "DPD Classic (exchange)",
  "136": "DPD Classic (small parcel)",
  "154": "DPD Parcel Letter",
  "155": "DPD Guarantee",
  "179": "DPD 10:00",
  "225": "DPD 12:00",
  "327": "DPD Predict",
  "350": "DPD 8:30",
};

/** UPU S10 service indicator, first letter. */
const S10_SERVICES: Readonly<Record<string, string>> = {
  C: "Parcel post",
  E: "EMS",
  H: "E-commerce parcel",
  L: "Letter post (express)",
  M: "M-bag",
  R: "Registered letter",
  U: "Letter post",
  V: "Insured letter",
};

export const TRACKING_FORMATS: readonly TrackingFormat[] = [
  {
    id: "ups_1z",
    carrier: "ups",
    name: "UPS 1Z",
    lengths: [18],
    first: "1",
    pattern: /^1Z(?<payload>[0-9A-Z]{6}(?<service>[0-9A-Z]{2})[0-9A-Z]{7})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: UPS_MOD10 },
    distinctive: true,
    services: UPS_SERVICES,
    trackingUrl: URL.ups,
  },
  {
    // Worldwide Express waybills: a letter, nine digits, a UPS mod 10 digit over the nine.
    id: "ups_waybill",
    carrier: "ups",
    name: "UPS waybill",
    lengths: [11],
    first: LETTERS,
    pattern: /^[A-Z](?<payload>\d{9})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: UPS_MOD10 },
    distinctive: false,
    trackingUrl: URL.ups,
  },
  {
    id: "fedex_express_12",
    carrier: "fedex",
    name: "FedEx Express (12 digits)",
    lengths: [12],
    first: DIGITS,
    pattern: /^(?<payload>\d{11})(?<check>\d)$/,
    check: { algorithm: "mod11_10", weightsFromRight: FEDEX_WEIGHTS },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    // Full 1D barcode of an Express label: "10" + a 3-digit form code, 10 digits, the destination
    // ZIP, then the tracking number padded to 14. The form code varies ("100…", "102…"), so only
    // the "10" is fixed; the check covers the padded tracking number (weights 1, 3, 7 from its right).
    id: "fedex_express_34",
    carrier: "fedex",
    name: "FedEx Express barcode (34 digits)",
    lengths: [34],
    first: "1",
    pattern: /^10\d{18}(?<payload>\d{13})(?<check>\d)$/,
    check: { algorithm: "mod11_10", weightsFromRight: FEDEX_WEIGHTS },
    distinctive: true,
    trackingLast: 12,
    trackingUrl: URL.fedex,
  },
  {
    // ASTRA label barcode: the 12-digit tracking number sits at characters 17–28.
    id: "fedex_astra_32",
    carrier: "fedex",
    name: "FedEx ASTRA barcode (32 digits)",
    lengths: [32],
    first: DIGITS,
    pattern: /^\d{16}(?<tracking>(?<payload>\d{11})(?<check>\d))\d{4}$/,
    check: { algorithm: "mod11_10", weightsFromRight: FEDEX_WEIGHTS },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    id: "fedex_ground_15",
    carrier: "fedex",
    name: "FedEx Ground (15 digits)",
    lengths: [15],
    first: DIGITS,
    pattern: /^(?<payload>\d{14})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    // GS1 SSCC: extension digit 0, 1, 2 or 4 after the "0" of the company prefix block.
    id: "fedex_ground_sscc18",
    carrier: "fedex",
    name: "FedEx Ground SSCC-18",
    lengths: [18],
    first: "0",
    pattern: /^(?<payload>0[0124]\d{15})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    // "96" + SCNC + service code, then the 15-digit Ground number whose own check covers it.
    id: "fedex_ground_96",
    carrier: "fedex",
    name: "FedEx Ground 96 (22 digits)",
    lengths: [22],
    first: "9",
    pattern: /^96\d{5}(?<tracking>(?<payload>\d{14})(?<check>\d))$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    id: "fedex_ground_gsn",
    carrier: "fedex",
    name: "FedEx Ground GSN barcode (34 digits)",
    lengths: [34],
    first: "9",
    pattern: /^96\d{18}(?<payload>\d{13})(?<check>\d)$/,
    check: { algorithm: "mod11_10", weightsFromRight: FEDEX_WEIGHTS },
    distinctive: false,
    trackingLast: 12,
    trackingUrl: URL.fedex,
  },
  {
    // USPS Intelligent Mail package barcode: application identifier 91–95, then 19, 23 or 27 digits.
    id: "usps_impb",
    carrier: "usps",
    name: "USPS IMpb",
    lengths: [22, 26, 30],
    first: "9",
    pattern: /^(?<payload>9[1-5]\d{19}(?:\d{4}){0,2})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    trackingUrl: URL.usps,
  },
  {
    // The scanned barcode: "420" + ZIP routing code in front of the IMpb. A 34-digit barcode can
    // be ZIP + 26-digit IMpb or ZIP+4 + 22-digit IMpb, so each routing length is its own format.
    id: "usps_impb_routed",
    carrier: "usps",
    name: "USPS IMpb with ZIP routing",
    lengths: [30, 34],
    first: "4",
    pattern: /^420\d{5}(?<tracking>(?<payload>9[1-5]\d{19}(?:\d{4})?)(?<check>\d))$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: true,
    trackingUrl: URL.usps,
  },
  {
    id: "usps_impb_routed_zip4",
    carrier: "usps",
    name: "USPS IMpb with ZIP+4 routing",
    lengths: [34, 38],
    first: "4",
    pattern: /^420\d{9}(?<tracking>(?<payload>9[1-5]\d{19}(?:\d{4})?)(?<check>\d))$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: true,
    trackingUrl: URL.usps,
  },
  {
    id: "usps_20",
    carrier: "usps",
    name: "USPS (20 digits)",
    lengths: [20],
    first: DIGITS,
    pattern: /^(?<payload>(?<service>\d{2})\d{17})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    services: USPS_20_SERVICES,
    trackingUrl: URL.usps,
  },
  {
    // Legacy labels print the IMpb without its "91" application identifier.
    id: "usps_20_implied_91",
    carrier: "usps",
    name: "USPS legacy (20 digits, implied 91)",
    lengths: [20],
    first: DIGITS,
    pattern: /^(?!9[1-5])(?<payload>\d{19})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1, impliedPrefix: "91" },
    distinctive: false,
    trackingUrl: URL.usps,
  },
  {
    // FedEx Ground Economy (SmartPost) is an IMpb handed to USPS; emails often drop the "92".
    // Its 20-digit form never starts "92": the prefix would be taken as kept and left out of the check.
    id: "fedex_smartpost",
    carrier: "fedex",
    name: "FedEx Ground Economy / SmartPost",
    lengths: [20, 22],
    first: DIGITS,
    pattern: /^(?<payload>92\d{19}|(?!92)\d{19})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1, impliedPrefix: "92" },
    distinctive: false,
    trackingUrl: URL.fedex,
  },
  {
    id: "dhl_express",
    carrier: "dhl",
    name: "DHL Express waybill",
    lengths: [10, 11],
    first: DIGITS,
    pattern: /^(?<payload>\d{9,10})(?<check>\d)$/,
    check: { algorithm: "mod7" },
    distinctive: false,
    trackingUrl: URL.dhlExpress,
  },
  {
    // License plates: J + 2–3 letters + 9–10 digits, or JD/JJD + 18 digits.
    id: "dhl_piece_id",
    carrier: "dhl",
    name: "DHL piece ID",
    lengths: [12, 13, 14, 20, 21],
    first: "J",
    pattern: /^(?:J[A-Z]{2,3}\d{9,10}|JJ?D\d{18})$/,
    distinctive: true,
    trackingUrl: URL.dhlParcel,
  },
  {
    // DHL Parcel (Benelux) labels: "3S", the sender's letter code, then digits (DHL's tracking-ID
    // page shows 3SBCC000123456). No check digit is published.
    id: "dhl_parcel_3s",
    carrier: "dhl",
    name: "DHL Parcel 3S",
    lengths: range(12, 16),
    first: "3",
    pattern: /^3S[A-Z]{3,4}\d{7,10}$/,
    distinctive: true,
    trackingUrl: URL.dhlParcel,
  },
  {
    id: "dhl_ecommerce",
    carrier: "dhl",
    name: "DHL eCommerce",
    lengths: range(12, 41),
    first: "GLRUCSTIHM",
    pattern: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39}$/,
    distinctive: true,
    trackingUrl: URL.dhlEcommerce,
  },
  {
    id: "amazon_tba",
    carrier: "amazon",
    name: "Amazon Logistics",
    lengths: [15],
    first: "T",
    pattern: /^TB[ACM]\d{12}$/,
    distinctive: true,
    trackingUrl: URL.amazon,
  },
  {
    // Amazon Shipping outside North America (Europe): "C", one digit or letter, then ten digits.
    // No check digit is published.
    id: "amazon_c",
    carrier: "amazon",
    name: "Amazon Shipping (international, C-prefixed)",
    lengths: [12],
    first: "C",
    pattern: /^C[0-9A-Z]\d{10}$/,
    distinctive: false,
    trackingUrl: URL.amazon,
  },
  {
    id: "canada_post_16",
    carrier: "canada_post",
    name: "Canada Post (16 digits)",
    lengths: [16],
    first: DIGITS,
    pattern: /^(?<payload>\d{15})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: GS1 },
    distinctive: false,
    trackingUrl: URL.canadaPost,
  },
  {
    id: "canpar",
    carrier: "canpar",
    name: "Canpar (22 characters)",
    lengths: [22],
    first: "CDKLSUXZ",
    pattern: /^[CDKLSUXZ]\d{21}$/,
    distinctive: true,
    trackingUrl: URL.canpar,
  },
  {
    id: "purolator_12",
    carrier: "purolator",
    name: "Purolator (12 digits)",
    lengths: [12],
    first: "012345",
    pattern: /^(?<payload>[0-5]\d{10})(?<check>\d)$/,
    check: { algorithm: "luhn" },
    distinctive: false,
    trackingUrl: URL.purolator,
  },
  {
    id: "purolator_pin",
    carrier: "purolator",
    name: "Purolator PIN (3 letters + 9 digits)",
    lengths: [12],
    first: LETTERS,
    pattern: /^[A-Z]{3}\d{9}$/,
    distinctive: false,
    trackingUrl: URL.purolator,
  },
  {
    id: "dpd_14",
    carrier: "dpd",
    name: "DPD parcel number",
    lengths: [15],
    first: DIGITS,
    pattern: /^(?<payload>\d{14})(?<check>[0-9A-Z])$/,
    check: { algorithm: "mod37_36" },
    distinctive: false,
    trackingUrl: URL.dpd,
  },
  {
    // Label barcode: destination postcode, 14-digit parcel number, product, country, check.
    id: "dpd_28",
    carrier: "dpd",
    name: "DPD parcel label (28 characters)",
    lengths: [28],
    first: DIGITS,
    pattern: /^(?<payload>\d{7}(?<tracking>\d{14})(?<service>\d{3})\d{3})(?<check>[0-9A-Z])$/,
    check: { algorithm: "mod37_36" },
    distinctive: false,
    services: DPD_SERVICES,
    trackingUrl: URL.dpd,
  },
  {
    // The leading C or D folds into the check the UPS way (C=4, D=5).
    id: "ontrac",
    carrier: "ontrac",
    name: "OnTrac",
    lengths: [15],
    first: "CD",
    pattern: /^(?<payload>[CD]\d{13})(?<check>\d)$/,
    check: { algorithm: "mod10", weights: UPS_MOD10 },
    distinctive: true,
    trackingUrl: URL.ontrac,
  },
  {
    id: "lasership",
    carrier: "lasership",
    name: "LaserShip",
    // LX and the newer LA, LE, LH, LI, LN prefixes + 8 digits; 1LS7 barcodes (15, and 17 with the
    // "-1" piece suffix); 1LSC. LaserShip publishes no check-digit algorithm (LX17635034, …35 and
    // …36 are all real numbers), so these are shape-only.
    lengths: [10, 15, 17],
    first: "L1",
    pattern: /^(?:L[AEHINX]\d{8}|1LS7[12]\d{10}|1LS7[12]\d{2}01[1-4]\d{6}1|1LSC[0-9A-Z]{11})$/,
    distinctive: true,
    trackingUrl: URL.ontrac,
  },
  {
    id: "speedee",
    carrier: "speedee",
    name: "Spee-Dee",
    lengths: [20],
    first: "S",
    pattern: /^SP\d{18}$/,
    distinctive: true,
    trackingUrl: URL.speedee,
  },
  {
    id: "gofo",
    carrier: "gofo",
    name: "GOFO Express",
    lengths: [18],
    first: "G",
    pattern: /^GFUS\d{14}$/,
    distinctive: true,
    trackingUrl: URL.gofo,
  },
  {
    // PRO numbers: 072/777/778 + 7 digits, or guaranteed 80 + 8 digits; Luhn check digit.
    id: "old_dominion",
    carrier: "old_dominion",
    name: "Old Dominion PRO",
    lengths: [11],
    first: "078",
    pattern: /^(?<payload>(?:072|77[78])\d{7}|80\d{8})(?<check>\d)$/,
    check: { algorithm: "luhn" },
    distinctive: false,
    trackingUrl: URL.oldDominion,
  },
  {
    id: "landmark",
    carrier: "landmark",
    name: "Landmark Global LTN",
    lengths: [13, 14, 15, 16],
    first: "L",
    pattern: /^LTN\d{8,10}N\d{1,2}$/,
    distinctive: true,
    trackingUrl: URL.landmark,
  },
  {
    id: "yodel",
    carrier: "yodel",
    name: "Yodel",
    lengths: [18, 19],
    first: "J",
    pattern: /^JJ?D\d{16}$/,
    distinctive: true,
    trackingUrl: URL.yodel,
  },
  {
    id: "yunexpress",
    carrier: "yunexpress",
    name: "YunExpress",
    lengths: [18],
    first: "Y",
    pattern: /^YT\d{16}$/,
    distinctive: true,
    trackingUrl: URL.yunexpress,
  },
  {
    id: "s10",
    carrier: "postal",
    name: "UPU S10 postal item",
    lengths: [13],
    first: LETTERS,
    pattern: /^(?<service>[A-Z])[A-Z](?<payload>\d{8})(?<check>\d)(?<country>[A-Z]{2})$/,
    check: { algorithm: "s10" },
    distinctive: true,
    services: S10_SERVICES,
  },
];

/** Carriers detection can name besides postal operators, in the order. */
export const PARCEL_CARRIERS = [
  "ups",
  "fedex",
  "usps",
  "dhl",
  "amazon",
  "canada_post",
  "canpar",
  "purolator",
  "dpd",
  "ontrac",
  "lasership",
  "speedee",
  "gofo",
  "old_dominion",
  "landmark",
  "yodel",
  "yunexpress",
] as const;

export type ParcelCarrier = (typeof PARCEL_CARRIERS)[number];

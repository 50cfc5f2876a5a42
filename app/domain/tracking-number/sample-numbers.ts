import {
  luhnCheckDigit,
  mod10CheckDigit,
  mod11Mod10CheckDigit,
  mod37_36CheckCharacter,
  mod7CheckDigit,
  s10CheckDigit,
  type Mod10Weights,
} from "./check-digits";
import { TRACKING_FORMATS } from "./formats";
import { POSTAL_OPERATORS } from "./postal-operators";

/**
 * Builds well-formed tracking numbers for every format, with check digits computed directly by
 * the check-digit functions (never by detection), from an injected random source. Property tests
 * and the benchmark use it; production code does not.
 */

export type RandomSource = () => number;

export interface SampleNumber {
  number: string;
  /** The carrier detection should name among its candidates. */
  carrier: string;
  format: string;
}

/** mulberry32: a tiny seeded generator so corpora are identical on every run. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGIT_CHARS = "0123456789";
const LETTER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const GS1: Mod10Weights = { even: 3, odd: 1, fromRight: true };
const UPS: Mod10Weights = { even: 1, odd: 2, letters: true };
const FEDEX = [1, 3, 7] as const;
const COUNTRIES = [...POSTAL_OPERATORS.keys()];

function pick<T>(random: RandomSource, items: readonly T[] | string): T {
  const index = Math.floor(random() * items.length);
  return (typeof items === "string" ? items.charAt(index) : items[index]) as T;
}

function chars(random: RandomSource, alphabet: string, count: number): string {
  let text = "";
  for (let index = 0; index < count; index++) text += alphabet.charAt(Math.floor(random() * alphabet.length));
  return text;
}

const digits = (random: RandomSource, count: number) => chars(random, DIGIT_CHARS, count);
const letters = (random: RandomSource, count: number) => chars(random, LETTER_CHARS, count);
const gs1 = (payload: string) => payload + String(mod10CheckDigit(payload, GS1));
const ups = (payload: string) => payload + String(mod10CheckDigit(payload, UPS));
const fedex = (payload: string) => payload + String(mod11Mod10CheckDigit(payload, FEDEX));

/** A payload that must not begin with 91–95 (those read as IMpb, not as a dropped prefix). */
function digitsNotStartingWith9x(random: RandomSource, count: number): string {
  const first = pick(random, "012345678");
  return first + digits(random, count - 1);
}

type Generator = (random: RandomSource) => { number: string; carrier?: string };

/** One generator per format id in formats.ts. */
export const SAMPLE_GENERATORS: Readonly<Record<string, Generator>> = {
  ups_1z: (r) => ({ number: `1Z${ups(chars(r, DIGIT_CHARS + LETTER_CHARS, 6) + pick(r, ["01", "02", "03", "12", "13", "YW"]) + digits(r, 7))}` }),
  ups_waybill: (r) => ({ number: letters(r, 1) + ups(digits(r, 9)) }),
  fedex_express_12: (r) => ({ number: fedex(digits(r, 11)) }),
  fedex_express_34: (r) => ({ number: `10${pick(r, "02")}${digits(r, 17)}${fedex(`00${digits(r, 11)}`)}` }),
  fedex_astra_32: (r) => ({ number: digits(r, 16) + fedex(digits(r, 11)) + digits(r, 4) }),
  fedex_ground_15: (r) => ({ number: gs1(digits(r, 14)) }),
  fedex_ground_sscc18: (r) => ({ number: gs1(`0${pick(r, "0124")}${digits(r, 15)}`) }),
  fedex_ground_96: (r) => ({ number: `96${digits(r, 5)}${gs1(digits(r, 14))}` }),
  fedex_ground_gsn: (r) => ({ number: `96${digits(r, 18)}${fedex(digits(r, 13))}` }),
  fedex_smartpost: (r) => {
    if (r() < 0.5) return { number: gs1(`92${digits(r, 19)}`) };
    const payload = digitsNotStartingWith9x(r, 19);
    return { number: payload + String(mod10CheckDigit(`92${payload}`, GS1)) };
  },
  usps_impb: (r) => ({ number: gs1(`9${pick(r, "12345")}${digits(r, pick(r, [19, 23, 27]))}`) }),
  usps_impb_routed: (r) => ({ number: `420${digits(r, 5)}${gs1(`9${pick(r, "12345")}${digits(r, pick(r, [19, 23]))}`)}` }),
  usps_impb_routed_zip4: (r) => ({ number: `420${digits(r, 9)}${gs1(`9${pick(r, "12345")}${digits(r, pick(r, [19, 23]))}`)}` }),
  usps_20: (r) => ({ number: gs1(digits(r, 19)) }),
  usps_20_implied_91: (r) => {
    const payload = digitsNotStartingWith9x(r, 19);
    return { number: payload + String(mod10CheckDigit(`91${payload}`, GS1)) };
  },
  dhl_express: (r) => {
    const payload = digits(r, pick(r, [9, 10]));
    return { number: payload + String(mod7CheckDigit(payload)) };
  },
  dhl_piece_id: (r) => ({ number: pick(r, [`JJD${digits(r, 10)}`, `JVGL${digits(r, 10)}`, `JJD${digits(r, 18)}`]) }),
  dhl_parcel_3s: (r) => ({ number: `3S${letters(r, pick(r, [3, 4]))}${digits(r, pick(r, [7, 9, 10]))}` }),
  dhl_ecommerce: (r) => ({ number: `${pick(r, ["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY"])}${digits(r, 16)}` }),
  amazon_tba: (r) => ({ number: `TB${pick(r, "ACM")}${digits(r, 12)}` }),
  amazon_c: (r) => ({ number: `C${pick(r, "12AE")}${digits(r, 10)}` }),
  canada_post_16: (r) => ({ number: gs1(digits(r, 15)) }),
  canpar: (r) => ({ number: pick(r, "CDKLSUXZ") + digits(r, 21) }),
  purolator_12: (r) => {
    const payload = pick(r, "012345") + digits(r, 10);
    return { number: payload + String(luhnCheckDigit(payload)) };
  },
  purolator_pin: (r) => ({ number: letters(r, 3) + digits(r, 9) }),
  dpd_14: (r) => {
    const payload = digits(r, 14);
    return { number: payload + mod37_36CheckCharacter(payload) };
  },
  dpd_28: (r) => {
    const payload = digits(r, 7) + digits(r, 14) + pick(r, ["101", "136", "155", "327"]) + pick(r, ["276", "250", "826"]);
    return { number: payload + mod37_36CheckCharacter(payload) };
  },
  ontrac: (r) => ({ number: ups(pick(r, "CD") + digits(r, 13)) }),
  lasership: (r) => ({ number: pick(r, [`L${pick(r, "AEHINX")}${digits(r, 8)}`, `1LS7${pick(r, "12")}${digits(r, 10)}`]) }),
  speedee: (r) => ({ number: `SP${digits(r, 18)}` }),
  gofo: (r) => ({ number: `GFUS${digits(r, 14)}` }),
  old_dominion: (r) => {
    const payload = pick(r, [`${pick(r, ["072", "777", "778"])}${digits(r, 7)}`, `80${digits(r, 8)}`]);
    return { number: payload + String(luhnCheckDigit(payload)) };
  },
  landmark: (r) => ({ number: `LTN${digits(r, 8)}N${pick(r, "123")}` }),
  yodel: (r) => ({ number: `${pick(r, ["JD", "JJD"])}${digits(r, 16)}` }),
  yunexpress: (r) => ({ number: `YT${digits(r, 16)}` }),
  s10: (r) => {
    const serial = digits(r, 8);
    const country = pick(r, COUNTRIES);
    const carrier = POSTAL_OPERATORS.get(country)?.carrier ?? "";
    return { number: `${pick(r, "CELRUV")}${letters(r, 1)}${serial}${s10CheckDigit(serial)}${country}`, carrier };
  },
};

export function generateSampleNumber(format: string, random: RandomSource): SampleNumber {
  const generator = SAMPLE_GENERATORS[format];
  if (!generator) throw new Error(`no sample generator for format ${format}`);
  const { number, carrier } = generator(random);
  return { number, format, carrier: carrier ?? TRACKING_FORMATS.find((entry) => entry.id === format)?.carrier ?? "" };
}

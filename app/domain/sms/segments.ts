/**
 * SMS encoding and segment counting (what a carrier bills). A text whose every character is in
 * the GSM 03.38 alphabet goes as GSM-7: 160 septets in one part, 153 per part of a longer
 * message (the rest carries the concatenation header); characters of the extension table cost
 * two septets (escape + character). Any other character makes the whole text UCS-2: 70 UTF-16
 * code units alone, 67 per part. A part never splits an escape pair or a surrogate pair.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/** Packs units (each indivisible) into parts of `single` or, when longer, `perPart`. */
function pack(sizes: number[], single: number, perPart: number): { units: number; segments: number } {
  const units = sizes.reduce((sum, size) => sum + size, 0);
  if (units === 0) return { units, segments: 0 };
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { units, segments };
}

export function countSmsSegments(text: string): SmsSegments {
  const chars = [...text];
  if (isGsm7(text)) {
    return { encoding: "GSM-7", ...pack(chars.map((char) => (extension.has(char) ? 2 : 1)), 160, 153) };
  }
  return { encoding: "UCS-2", ...pack(chars.map((char) => char.length), 70, 67) };
}

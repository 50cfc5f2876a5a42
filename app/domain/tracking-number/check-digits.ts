/**
 * Check-digit algorithms used by tracking-number formats. Each function computes the check
 * character a payload should carry; formats.ts says which one a format uses and on which part
 * of the number. They work on upper-case ASCII and return -1 (or "") for a character they cannot
 * weigh, so a malformed payload never validates.
 */

const ZERO = 48;
const NINE = 57;
const UPPER_A = 65;
const UPPER_Z = 90;

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= ZERO && code <= NINE ? code - ZERO : -1;
}

/**
 * A character's value in UPS-style weighted sums: digits are themselves, letters are
 * (ASCII − 3) mod 10, so A=2 … H=9, I=0, J=1, K=2 … This is how UPS folds the letters of a
 * 1Z number into its check, and why OnTrac's "C"/"D" prefixes weigh 4 and 5.
 */
export function upsCharValue(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  if (code >= UPPER_A && code <= UPPER_Z) return (code - 3) % 10;
  return -1;
}

export interface Mod10Weights {
  /** Weight of positions 0, 2, 4 … */
  even: number;
  /** Weight of positions 1, 3, 5 … */
  odd: number;
  /**
   * Count positions from the rightmost character (position 0) instead of the leftmost. GS1 and
   * USPS define their weights this way, so the same table works for every payload length.
   */
  fromRight?: boolean;
  /** Letters are weighed the UPS way; without this a letter makes the payload invalid. */
  letters?: boolean;
}

/** Weighted mod 10: the digit that brings the weighted sum up to a multiple of ten. */
export function mod10CheckDigit(payload: string, weights: Mod10Weights): number {
  const length = payload.length;
  let sum = 0;
  for (let index = 0; index < length; index++) {
    const code = payload.charCodeAt(index);
    const value = weights.letters ? upsCharValue(code) : code >= ZERO && code <= NINE ? code - ZERO : -1;
    if (value < 0) return -1;
    const position = weights.fromRight ? length - 1 - index : index;
    sum += value * (position % 2 === 0 ? weights.even : weights.odd);
  }
  return (10 - (sum % 10)) % 10;
}

/** Mod 7 (DHL Express): the payload read as one integer, modulo 7. Long division keeps it exact. */
export function mod7CheckDigit(payload: string): number {
  let remainder = 0;
  for (let index = 0; index < payload.length; index++) {
    const digit = digitAt(payload, index);
    if (digit < 0) return -1;
    remainder = (remainder * 10 + digit) % 7;
  }
  return remainder;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * UPU S10: the eight serial digits weighted 8,6,4,2,3,5,9,7; check = 11 − (sum mod 11),
 * except that 10 becomes 0 and 11 becomes 5.
 */
export function s10CheckDigit(serial: string): number {
  if (serial.length !== S10_WEIGHTS.length) return -1;
  let sum = 0;
  for (let index = 0; index < S10_WEIGHTS.length; index++) {
    const digit = digitAt(serial, index);
    if (digit < 0) return -1;
    sum += digit * (S10_WEIGHTS[index] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** Luhn: from the right, double every other digit starting with the one next to the check digit. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true;
  for (let index = payload.length - 1; index >= 0; index--) {
    let digit = digitAt(payload, index);
    if (digit < 0) return -1;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function alphanumericValue(code: number): number {
  if (code >= ZERO && code <= NINE) return code - ZERO;
  if (code >= UPPER_A && code <= UPPER_Z) return code - UPPER_A + 10;
  return -1;
}

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36), used by DPD: start at 36; for each character
 * add its value (0–9, A=10 … Z=35) mod 36 (0 counts as 36), double it mod 37; the check
 * character is (37 − result) mod 36 read back through the alphabet.
 */
export function mod37_36CheckCharacter(payload: string): string {
  let product = 36;
  for (let index = 0; index < payload.length; index++) {
    const value = alphanumericValue(payload.charCodeAt(index));
    if (value < 0) return "";
    let sum = (product + value) % 36;
    if (sum === 0) sum = 36;
    product = (sum * 2) % 37;
  }
  return ALPHANUMERIC.charAt((37 - product) % 36);
}

/**
 * FedEx's weighted sum: digits weighted by a repeating pattern counted from the rightmost payload
 * digit (FedEx Express uses 1, 3, 7), then the sum mod 11 mod 10 is the check digit.
 */
export function mod11Mod10CheckDigit(payload: string, weightsFromRight: readonly number[]): number {
  let sum = 0;
  const last = payload.length - 1;
  for (let index = last; index >= 0; index--) {
    const digit = digitAt(payload, index);
    if (digit < 0) return -1;
    sum += digit * (weightsFromRight[(last - index) % weightsFromRight.length] ?? 0);
  }
  return (sum % 11) % 10;
}

/**
 * Phone numbers to E.164 ("+" country code and subscriber number, at most 15 digits), the only
 * form an SMS provider accepts. A number already international ("+44 20…", "0044 20…") keeps its
 * country code; a national one ("020 7946 0958", "(613) 555-0123") takes the calling code of
 * the destination country, without its trunk prefix (the leading 0 most countries dial at home;
 * Italy keeps it). Anything else is not a number we can text: null.
 */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: "1", CA: "1", PR: "1", GB: "44", IE: "353", FR: "33", DE: "49", AT: "43", CH: "41", BE: "32",
  NL: "31", LU: "352", ES: "34", PT: "351", IT: "39", DK: "45", SE: "46", NO: "47", FI: "358",
  IS: "354", PL: "48", CZ: "420", SK: "421", HU: "36", RO: "40", BG: "359", GR: "30", HR: "385",
  SI: "386", EE: "372", LV: "371", LT: "370", AU: "61", NZ: "64", JP: "81", KR: "82", CN: "86",
  TW: "886", HK: "852", SG: "65", MY: "60", IN: "91", BR: "55", MX: "52", AR: "54", CL: "56",
  CO: "57", ZA: "27", IL: "972", AE: "971", TR: "90",
};

/** Countries whose national numbers keep their leading 0 after the country code. */
const KEEPS_TRUNK_ZERO = new Set(["IT"]);

const E164 = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

export function callingCode(country: string | null | undefined): string | null {
  return (country && CALLING_CODES[country.trim().toUpperCase()]) || null;
}

export function toE164(phone: string | null | undefined, country: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  // Extensions ("ext. 12", "x12") cannot be texted; letters anywhere else mean it is no number.
  const withoutExtension = trimmed.replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, "");
  if (/[^\d\s+().\-/]/.test(withoutExtension)) return null;
  const plus = withoutExtension.startsWith("+");
  if (withoutExtension.slice(1).includes("+")) return null;
  let digits = withoutExtension.replace(/\D/g, "");
  if (!digits) return null;
  let candidate: string;
  if (plus) candidate = `+${digits}`;
  else if (digits.startsWith("00")) candidate = `+${digits.slice(2)}`;
  else {
    const upper = country?.trim().toUpperCase() ?? "";
    const code = callingCode(upper);
    if (!code) return null;
    if (code === "1") {
      // North American numbers: 10 digits, or 11 with the leading 1.
      if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
      if (digits.length !== 10 || /^[01]/.test(digits)) return null;
    } else if (!KEEPS_TRUNK_ZERO.has(upper)) {
      digits = digits.replace(/^0/, "");
    }
    candidate = `+${code}${digits}`;
  }
  return isE164(candidate) ? candidate : null;
}

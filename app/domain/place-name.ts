/**
 * Carriers write places in capitals ("LOS ANGELES, CA", "WINSTON-SALEM, NC US"). For a merchant's
 * list they read better in normal case: words in title case, short all-capital codes after the
 * first part (states, provinces, countries) kept as codes, postal codes untouched. Text that already
 * mixes cases is the carrier's own spelling and stays as it is.
 */
const LOWER_WORDS = new Set(["de", "del", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di", "van", "von", "der", "den", "y", "e", "et", "am", "an", "im", "sur"]);

function titleWord(word: string, first: boolean): string {
  if (!/[A-Z]/.test(word) || /\d/.test(word)) return word;
  const lower = word.toLowerCase();
  if (!first && LOWER_WORDS.has(lower)) return lower;
  // Capital after the start and after hyphens, apostrophes and periods: Winston-Salem, O'Fallon, St.Louis.
  return lower.replace(/(^|[-'’.])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

function isCode(word: string): boolean {
  return /^[A-Z]{2,3}$/.test(word);
}

export function placeNameCase(place: string): string {
  const text = place.trim().replace(/\s+/g, " ");
  if (!text) return "";
  // Mixed case means someone chose the spelling: keep it.
  if (/\p{Ll}/u.test(text)) return text;
  return text
    .split(",")
    .map((part, partIndex) => {
      const words = part.trim().split(" ").filter(Boolean);
      return words
        .map((word, wordIndex) => (partIndex > 0 && isCode(word) ? word : titleWord(word, wordIndex === 0)))
        .join(" ");
    })
    .filter(Boolean)
    .join(", ");
}

/** "City, Province, Country" of a scan, each part in normal case; null when the carrier named no place. */
export function scanPlace(parts: { city?: string | null; province?: string | null; country?: string | null }): string | null {
  const joined = [parts.city, parts.province, parts.country].map((part) => part?.trim()).filter(Boolean).join(", ");
  return joined ? placeNameCase(joined) : null;
}

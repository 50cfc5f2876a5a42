import type { EventLocation } from "./status";

/**
 * A carrier's place name in normal case: carriers shout ("LOS ANGELES CA", "FRANKFURT AM MAIN"),
 * shoppers read "Los Angeles, CA" and "Frankfurt am Main". Words already in mixed case are kept
 * as the carrier wrote them; short all-capital codes (states, provinces, countries) stay codes.
 * Pure: no I/O, no locale data beyond what the caller passes.
 */
const LOWER_PARTICLES = new Set(["am", "an", "auf", "da", "das", "de", "dei", "del", "della", "der", "des", "di", "do", "dos", "du", "en", "im", "la", "le", "les", "lès", "sur", "y", "von", "van", "den", "het", "op", "zu", "zum", "zur", "upon", "on", "of", "the", "and"]);

function capitalise(word: string): string {
  // Hyphens and apostrophes start a new capital: WINSTON-SALEM → Winston-Salem, O'FALLON → O'Fallon.
  return word
    .toLowerCase()
    .replace(/(^|[-'’.])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

/** One part of a place (a city or a province) in normal case. */
export function normalCase(text: string): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed === "") return "";
  // Mixed case already (or a script without case): the carrier wrote it the way people do.
  if (trimmed !== trimmed.toUpperCase() || trimmed === trimmed.toLowerCase()) {
    return trimmed === trimmed.toLowerCase() && /\p{Ll}/u.test(trimmed) ? normalCase(trimmed.toUpperCase()) : trimmed;
  }
  const words = trimmed.split(" ");
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (index > 0 && LOWER_PARTICLES.has(lower)) return lower;
      // A code: two letters ("CA", "NSW" when alone), or letters with digits ("SW1A").
      if (/\d/.test(word)) return word;
      if (word.length <= 2 && words.length > 1 && index === words.length - 1) return word;
      return capitalise(word);
    })
    .join(" ");
}

/** Province codes and short regions stay upper case; longer ones are normal-cased. */
function province(text: string): string {
  const trimmed = text.trim();
  return /^[A-Z]{2,3}$/.test(trimmed) ? trimmed : normalCase(trimmed);
}

/**
 * "City, Province, Country" in normal case, with the country named by `countryName` (e.g. Intl's
 * region names in the shopper's locale) when given. Empty parts are left out; "" when nothing is known.
 */
export function placeName(location: EventLocation | null | undefined, countryName?: (code: string) => string | undefined): string {
  if (!location) return "";
  const city = location.city ? normalCase(location.city) : "";
  const region = location.province ? province(location.province) : "";
  const code = location.country?.trim().toUpperCase() ?? "";
  const country = code ? (countryName?.(code) ?? code) : "";
  const parts = [city, region, country].filter((part) => part !== "");
  // Some carriers repeat the city as the province ("SINGAPORE, SINGAPORE").
  return parts.filter((part, index) => index === 0 || part.toLowerCase() !== parts[index - 1]?.toLowerCase()).join(", ");
}

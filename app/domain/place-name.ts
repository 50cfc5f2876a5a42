import { BoundedCache } from "./bounded-cache";
import type { EventLocation } from "./status";

/**
 * A carrier's place name in normal case: carriers shout ("LOS ANGELES CA", "FRANKFURT AM MAIN"),
 * shoppers read "Los Angeles, CA" and "Frankfurt am Main". Words already in mixed case are kept
 * as the carrier wrote them; short all-capital codes (states, provinces, countries) stay codes.
 * Pure: no I/O, no locale data beyond what the caller passes (results are remembered, see normalCase).
 */
const LOWER_PARTICLES = new Set(["am", "an", "auf", "da", "das", "de", "dei", "del", "della", "der", "des", "di", "do", "dos", "du", "en", "im", "la", "le", "les", "lès", "sur", "y", "von", "van", "den", "het", "op", "zu", "zum", "zur", "upon", "on", "of", "the", "and"]);

function capitalise(word: string): string {
  // Hyphens and apostrophes start a new capital: WINSTON-SALEM → Winston-Salem, O'FALLON → O'Fallon.
  return word
    .toLowerCase()
    .replace(/(^|[-'’.])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

/**
 * Places already normal-cased: the same hubs and cities recur on every parcel's scans, and each
 * costs several Unicode-aware regular expressions. Short names only, cleared past the limit.
 */
const normalCased = new BoundedCache<string, string>(5000);
const REMEMBERED_LENGTH = 100;

/** One part of a place (a city or a province) in normal case. */
export function normalCase(text: string): string {
  return text.length <= REMEMBERED_LENGTH ? normalCased.get(text, () => normalCaseOf(text)) : normalCaseOf(text);
}

function normalCaseOf(text: string): string {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (trimmed === "") return "";
  // Mixed case already (or a script without case): the carrier wrote it the way people do.
  if (trimmed !== trimmed.toUpperCase() || trimmed === trimmed.toLowerCase()) {
    return trimmed === trimmed.toLowerCase() && /\p{Ll}/u.test(trimmed) ? normalCaseOf(trimmed.toUpperCase()) : trimmed;
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

/**
 * A place the carrier gave as one string ("LOS ANGELES, CA", "WINSTON-SALEM, NC US"): each
 * comma-separated part in normal case, short all-capital codes after the first part (states,
 * provinces, countries) and anything with digits (postal codes) kept as written. Text that already
 * mixes cases is the carrier's own spelling and stays as it is.
 */
export function placeNameCase(place: string): string {
  const text = place.trim().replace(/\s+/g, " ");
  if (!text) return "";
  if (/\p{Ll}/u.test(text)) return text;
  return text
    .split(",")
    .map((part, partIndex) =>
      part
        .trim()
        .split(" ")
        .filter(Boolean)
        .map((word, wordIndex) => {
          if (/\d/.test(word) || (partIndex > 0 && /^[A-Z]{2,3}$/.test(word))) return word;
          if (wordIndex > 0 && LOWER_PARTICLES.has(word.toLowerCase())) return word.toLowerCase();
          return capitalise(word);
        })
        .join(" "),
    )
    .filter(Boolean)
    .join(", ");
}

/** "City, Province, Country" of a scan for the admin's lists; null when the carrier named no place. */
export function scanPlace(parts: { city?: string | null; province?: string | null; country?: string | null }): string | null {
  const joined = [parts.city, parts.province, parts.country].map((part) => part?.trim()).filter(Boolean).join(", ");
  return joined ? placeNameCase(joined) : null;
}

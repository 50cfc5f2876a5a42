import { z } from "zod";

/**
 * Lenient zod building blocks for carrier wire schemas. Carriers omit fields, send null, send
 * numbers where their docs say strings (UPS dates) and strings where they say booleans (USPS), so
 * every leaf is optional and normalised here; structure (objects/arrays) is still enforced.
 */

/** Optional text; numbers are accepted and stringified, null/absent → undefined. */
export const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? undefined : String(v)));

/** Optional number; numeric strings accepted. */
export const num = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v == null || v === "") return undefined;
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : undefined;
  });

/** Optional boolean; "true"/"false" (any case), "Y"/"N" and 1/0 accepted. */
export const bool = z
  .union([z.boolean(), z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v == null) return undefined;
    if (typeof v === "boolean") return v;
    const t = String(v).trim().toLowerCase();
    if (t === "true" || t === "y" || t === "yes" || t === "1") return true;
    if (t === "false" || t === "n" || t === "no" || t === "0") return false;
    return undefined;
  });

/** Optional array of `item`; null/absent → []. A lone object is treated as a one-element array. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : typeof v === "object" ? [v] : v), z.array(item))
    .optional()
    .transform((v) => v ?? []);
}

/** Optional nested object; null → undefined. */
export function obj<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

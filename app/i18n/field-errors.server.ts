import { locales, type core } from "zod";
import type { AdminLocale } from "./define";

/** Zod's own translations of its messages, in the admin's ten locales. */
const ZOD_LOCALES: Record<AdminLocale, () => { localeError: core.$ZodErrorMap }> = {
  en: locales.en,
  "zh-CN": locales.zhCN,
  "zh-TW": locales.zhTW,
  ko: locales.ko,
  ja: locales.ja,
  es: locales.es,
  fr: locales.fr,
  de: locales.de,
  it: locales.it,
  "pt-BR": locales.pt,
};

/**
 * A form's schema errors, one per field, in the staff member's language. Zod ships these
 * translations, so a generic check ("too short", "not an email address") needs no catalogue
 * entry of ours; messages a schema words itself are kept as written.
 */
export function localizedFieldErrors(issues: readonly core.$ZodIssue[], locale: AdminLocale): Record<string, string> {
  const wording = (map: core.$ZodErrorMap, issue: core.$ZodIssue) => {
    // A final issue is a raw issue whose input was not kept; the error maps accept that.
    const worded = map(issue as core.$ZodRawIssue);
    return typeof worded === "string" ? worded : worded?.message;
  };
  const english = ZOD_LOCALES.en().localeError;
  const { localeError } = ZOD_LOCALES[locale]();
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "form";
    if (errors[field] !== undefined) continue;
    // A message other than Zod's English default was written by the schema: keep it.
    const generic = wording(english, issue) === issue.message;
    errors[field] = generic ? (wording(localeError, issue) ?? issue.message) : issue.message;
  }
  return errors;
}

import { parseWithZod } from "@conform-to/zod/v4";
import * as z from "zod";
import type { CredentialLabel } from "~/carriers/plugin";
import type { CarrierAccountSummary } from "~/data/carrier-accounts.server";
import { SUPPORTED_LOCALES, type SupportedLocale } from "~/domain/locales/resolve";
import type { CarrierNameMapping } from "~/domain/tracking-number/carrier-names";
import type { TrackingRules } from "./tracking-rules";

/**
 * The Settings page's forms, shared by the page (client-side validation with Conform) and the
 * action (the same schemas on the server). Messages are catalogue keys ("settings.error…"): the
 * page shows them in the merchant's language, under their fields.
 */
export const PAGE_LOCALES: readonly SupportedLocale[] = SUPPORTED_LOCALES;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

const hexColour = z
  .string()
  .trim()
  .optional()
  .transform((value) => value ?? "")
  .refine((value) => value === "" || HEX_COLOR.test(value), "settings.error.colour")
  .transform((value) => (value === "" ? null : value.toLowerCase()));

/** A support contact shoppers can use: an email address or an https:// page. */
export function supportContactHref(contact: string | null | undefined): string | null {
  const value = (contact ?? "").trim();
  if (value === "") return null;
  if (EMAIL.test(value)) return `mailto:${value}`;
  try {
    const url = new URL(value);
    return url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Which parts of the tracking page show (there is no map: see the README). */
export const PAGE_SECTIONS = ["scanHistory", "lineItems", "estimate"] as const;
export type PageSection = (typeof PAGE_SECTIONS)[number];

/** The tracking page's branding as stored (Shop.trackingPageJson) and drawn. */
export interface TrackingPageBranding {
  /** Per locale; a locale without its own text uses the page's built-in words. */
  heading: Partial<Record<SupportedLocale, string>>;
  intro: Partial<Record<SupportedLocale, string>>;
  supportContact: string | null;
  backgroundColor: string | null;
  sections: Record<PageSection, boolean>;
}

export const DEFAULT_BRANDING: TrackingPageBranding = {
  heading: {},
  intro: {},
  supportContact: null,
  backgroundColor: null,
  sections: { scanHistory: true, lineItems: true, estimate: true },
};

const perLocale = (max: number, message: string) =>
  z
    .object(Object.fromEntries(PAGE_LOCALES.map((locale) => [locale, z.string().trim().max(max, message).optional()])) as Record<SupportedLocale, z.ZodOptional<z.ZodString>>)
    .partial()
    .optional()
    .transform((texts) => Object.fromEntries(Object.entries(texts ?? {}).filter(([, text]) => typeof text === "string" && text !== "")) as Partial<Record<SupportedLocale, string>>);

const checkbox = z
  .union([z.literal("on"), z.literal("off"), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === true);

/**
 * The one form the save bar saves: write-back, support minutes, languages, long-tail service,
 * thresholds (a JSON field the thresholds editor fills) and the tracking page's branding.
 */
export const SettingsFormSchema = z.object({
  writeBackEnabled: checkbox,
  supportMinutesPerInquiry: z
    .number({ error: "settings.error.minutesRequired" })
    .int("settings.error.minutesWhole")
    .min(1, "settings.error.minutesMin")
    .max(240, "settings.error.minutesMax"),
  locales: z
    .array(z.string(), { error: "settings.error.localesMin" })
    .min(1, "settings.error.localesMin")
    .refine((codes) => codes.every((code) => (PAGE_LOCALES as readonly string[]).includes(code)), "settings.error.localesUnknown")
    .refine((codes) => new Set(codes).size === codes.length, "settings.error.localesTwice"),
  longTailAggregator: z.string({ error: "settings.error.longTail" }).min(1, "settings.error.longTail"),
  rules: z.string().optional(),
  brandAccentColor: hexColour,
  backgroundColor: hexColour,
  heading: perLocale(80, "settings.error.headingLong"),
  intro: perLocale(400, "settings.error.introLong"),
  supportContact: z
    .string()
    .trim()
    .max(300, "settings.error.contact")
    .optional()
    .transform((value) => value ?? "")
    .refine((value) => value === "" || supportContactHref(value) !== null, "settings.error.contact")
    .transform((value) => (value === "" ? null : value)),
  showScanHistory: checkbox,
  showLineItems: checkbox,
  showEstimate: checkbox,
});

export type SettingsFormValues = z.output<typeof SettingsFormSchema>;

/** The save form's fields as the page posts them, checked with the schema (Conform's parser, as on the server). */
export function parseSettingsForm(formData: FormData) {
  return parseWithZod(formData, { schema: SettingsFormSchema });
}

/** Branding out of a validated form. */
export function brandingOf(values: SettingsFormValues): TrackingPageBranding {
  return {
    heading: values.heading,
    intro: values.intro,
    supportContact: values.supportContact,
    backgroundColor: values.backgroundColor,
    sections: { scanHistory: values.showScanHistory, lineItems: values.showLineItems, estimate: values.showEstimate },
  };
}

const StoredBranding = z
  .object({
    heading: z.record(z.string(), z.string()).catch({}),
    intro: z.record(z.string(), z.string()).catch({}),
    supportContact: z.string().nullable().catch(null),
    backgroundColor: z.string().regex(HEX_COLOR).nullable().catch(null),
    sections: z
      .object({ scanHistory: z.boolean().catch(true), lineItems: z.boolean().catch(true), estimate: z.boolean().catch(true) })
      .catch(DEFAULT_BRANDING.sections),
  })
  .partial();

/** Stored branding, read leniently: an unreadable value falls back to the defaults, field by field. */
export function parseBranding(json: string | null | undefined): TrackingPageBranding {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json ?? "{}");
  } catch {
    raw = {};
  }
  const parsed = StoredBranding.safeParse(raw);
  const value = parsed.success ? parsed.data : {};
  const pick = (texts: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(texts ?? {}).filter(([locale]) => (PAGE_LOCALES as readonly string[]).includes(locale))) as Partial<Record<SupportedLocale, string>>;
  return {
    heading: pick(value.heading),
    intro: pick(value.intro),
    supportContact: value.supportContact ?? null,
    backgroundColor: value.backgroundColor ?? null,
    sections: { ...DEFAULT_BRANDING.sections, ...value.sections },
  };
}

/** A carrier-name mapping: the name as fulfillments spell it, and a carrier picked from the list. */
export const MappingFormSchema = z.object({
  name: z.string({ error: "settings.error.mappingName" }).trim().min(1, "settings.error.mappingName").max(120, "settings.error.mappingNameLong"),
  carrier: z.string({ error: "settings.error.mappingCarrier" }).trim().min(1, "settings.error.mappingCarrier"),
});

export interface CarrierOption {
  code: string;
  name: string;
  /** Credential fields the carrier's folder declares, in its order, with their admin labels. */
  fields: CarrierCredentialField[];
}

export interface CarrierCredentialField {
  name: string;
  /** `settings.accounts.<label>` names the field in the admin. */
  label: CredentialLabel;
  secret: boolean;
}

export interface LongTailView {
  chosen: string;
  options: { code: string; name: string }[];
  /** Set while the chosen aggregator's quota is used up and another one stands in (today, UTC). */
  fallback: { from: string; to: string; since: string } | null;
}

export interface LogoView {
  url: string;
  width: number;
  height: number;
  contentType: string;
}

export interface SettingsView {
  general: {
    writeBackEnabled: boolean;
    supportMinutesPerInquiry: number;
    brandAccentColor: string | null;
    locales: string[];
  };
  branding: TrackingPageBranding;
  logo: LogoView | null;
  /** Where shoppers find the page (the shop's domain + the app proxy path). */
  publicUrl: string;
  shopName: string | null;
  trackingRules: TrackingRules;
  mappings: CarrierNameMapping[];
  /** Every carrier a mapping can point to, by display name. */
  mappableCarriers: { code: string; name: string }[];
  carrierAccounts: CarrierAccountSummary[];
  carriers: CarrierOption[];
  supportedLocales: string[];
  /** Null when credentials can be stored; otherwise the catalogue key saying why not. */
  credentialsUnavailable: "settings.credentialsUnavailable" | null;
  /** Which aggregator tracks carriers Trackline has no direct integration for. */
  longTail: LongTailView;
}

/** What every settings action answers: a catalogue-translated message and field errors (catalogue keys). */
export type SettingsActionResult = {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
};

import { z } from "zod";
import type { AdapterOptions } from "../../carriers/adapter";
import { CARRIER_CODES, CARRIER_PLUGINS, carrierRegistry, getCarrierPlugin, isCarrierCode, type CarrierCode } from "../../carriers/registry";
import type { CarrierAccountSummary } from "../../data/carrier-accounts.server";
import type { Db } from "../../data/db.server";
import { deleteCarrierNameMapping, listCarrierNameMappings, saveCarrierNameMapping } from "../../data/carrier-name-mappings.server";
import { findShopSettings, latestTrackingNumber, updateShopSettings } from "../../data/shop-settings.server";
import { chooseAggregator } from "../../domain/aggregator-choice";
import { LOCALES } from "../../domain/locales/index";
import { normalizeCarrierName, type CarrierNameMapping } from "../../domain/tracking-number/carrier-names";
import {
  CarrierAccountError,
  listCarrierAccounts,
  loadCarrierCredentials,
  removeCarrierAccount,
  saveCarrierCredentials,
} from "../carrier-accounts/carrier-accounts.server";
import { parseTrackingRules, validateTrackingRules, type TrackingRules } from "./tracking-rules";

/**
 * The Settings page's use cases: read everything the page shows, and one function per form.
 * Every input is validated here with messages a merchant can act on; a rejected form changes
 * nothing.
 */
export class SettingsError extends Error {
  override name = "SettingsError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const SUPPORTED_LOCALES = Object.keys(LOCALES);

export interface CarrierOption {
  code: CarrierCode;
  name: string;
  /** Credential fields the carrier's plug-in asks for (from its zod schema). */
  fields: string[];
}

export interface SettingsView {
  general: {
    writeBackEnabled: boolean;
    supportMinutesPerInquiry: number;
    brandAccentColor: string | null;
    brandLogoUrl: string | null;
    locales: string[];
  };
  trackingRules: TrackingRules;
  mappings: CarrierNameMapping[];
  carrierAccounts: CarrierAccountSummary[];
  carriers: CarrierOption[];
  supportedLocales: string[];
  /** Null when credentials can be stored; otherwise why not (shown instead of the form). */
  credentialsUnavailable: string | null;
  /** Which aggregator tracks carriers Trackline has no direct integration for. */
  longTail: LongTailView;
}

export interface LongTailView {
  chosen: string;
  options: { code: string; name: string }[];
  /** Set while the chosen aggregator's quota is used up and another one stands in (today, UTC). */
  fallback: { from: string; to: string; since: string } | null;
}

/** The shop's long-tail aggregator and, when its quota ran out today, which one stands in. */
export function longTailView(
  settings: { longTailAggregator: string | null; aggregatorQuotaExhausted: string | null; aggregatorQuotaExhaustedAt: Date | null },
  now: Date,
): LongTailView {
  const choice = chooseAggregator({
    aggregators: carrierRegistry.aggregators,
    preferred: settings.longTailAggregator,
    exhausted: settings.aggregatorQuotaExhausted,
    exhaustedAt: settings.aggregatorQuotaExhaustedAt,
    now,
  });
  const chosen = carrierRegistry.aggregatorFor(settings.longTailAggregator);
  return {
    chosen,
    options: carrierRegistry.aggregators.map((code) => ({ code, name: carrierRegistry.get(code).displayName })),
    fallback:
      choice.fallbackFrom !== undefined && settings.aggregatorQuotaExhaustedAt
        ? { from: choice.fallbackFrom, to: choice.code, since: settings.aggregatorQuotaExhaustedAt.toISOString() }
        : null,
  };
}

/** Saves the shop's long-tail aggregator; only a registered aggregator is accepted. */
export async function saveLongTailAggregator(db: Db, shopDomain: string, code: string): Promise<void> {
  if (!(carrierRegistry.aggregators as readonly string[]).includes(code)) {
    throw new SettingsError("Choose one of the listed tracking services", { longTailAggregator: "Not a long-tail tracking service" });
  }
  await updateShopSettings(db, shopDomain, { longTailAggregator: code });
}

function credentialFields(code: CarrierCode): string[] {
  const schema = getCarrierPlugin(code).credentials as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

export const CARRIER_OPTIONS: CarrierOption[] = CARRIER_CODES.map((code) => ({
  code,
  name: CARRIER_PLUGINS[code].displayName,
  fields: credentialFields(code),
}));

export async function loadSettings(db: Db, shopDomain: string, options: { credentialsKey: string | undefined }): Promise<SettingsView> {
  const [settings, mappings, carrierAccounts] = await Promise.all([
    findShopSettings(db, shopDomain),
    listCarrierNameMappings(db, shopDomain),
    listCarrierAccounts(db, shopDomain),
  ]);
  return {
    general: {
      writeBackEnabled: settings.writeBackEnabled,
      supportMinutesPerInquiry: settings.supportMinutesPerInquiry,
      brandAccentColor: settings.brandAccentColor,
      brandLogoUrl: settings.brandLogoUrl,
      locales: settings.locales,
    },
    trackingRules: parseTrackingRules(settings.trackingRulesJson),
    mappings,
    carrierAccounts,
    carriers: CARRIER_OPTIONS,
    supportedLocales: SUPPORTED_LOCALES,
    credentialsUnavailable: options.credentialsKey
      ? null
      : "Carrier credentials are stored encrypted, and this installation has no encryption key (CREDENTIALS_KEY). Until it is set, Trackline tracks with the app's own carrier accounts.",
    longTail: longTailView(settings, new Date()),
  };
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

const GeneralSettings = z.object({
  writeBackEnabled: z.boolean(),
  supportMinutesPerInquiry: z
    .number({ error: "Enter the minutes one inquiry takes your support team" })
    .int("Use whole minutes")
    .min(1, "At least 1 minute")
    .max(240, "At most 240 minutes"),
  brandAccentColor: z
    .string()
    .trim()
    .refine((value) => value === "" || HEX_COLOR.test(value), "Use a hex colour like #1a73e8")
    .transform((value) => (value === "" ? null : value.toLowerCase())),
  brandLogoUrl: z
    .string()
    .trim()
    .max(2000, "The address is too long")
    .refine((value) => {
      if (value === "") return true;
      try {
        return new URL(value).protocol === "https:";
      } catch {
        return false;
      }
    }, "Use an https:// address of your logo image")
    .transform((value) => (value === "" ? null : value)),
  locales: z
    .array(z.string())
    .min(1, "Offer at least one language")
    .refine((codes) => codes.every((code) => SUPPORTED_LOCALES.includes(code)), `Supported languages: ${SUPPORTED_LOCALES.join(", ")}`)
    .refine((codes) => new Set(codes).size === codes.length, "A language is listed twice"),
});

export type GeneralSettingsInput = z.input<typeof GeneralSettings>;

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}

export async function saveGeneralSettings(db: Db, shopDomain: string, input: GeneralSettingsInput): Promise<void> {
  const parsed = GeneralSettings.safeParse(input);
  if (!parsed.success) throw new SettingsError("Some settings need fixing", fieldErrorsOf(parsed.error));
  await updateShopSettings(db, shopDomain, parsed.data);
}

export async function saveTrackingRules(db: Db, shopDomain: string, rules: unknown): Promise<TrackingRules> {
  const validated = validateTrackingRules(rules);
  if (!validated.ok) throw new SettingsError("Some thresholds need fixing", validated.fieldErrors);
  await updateShopSettings(db, shopDomain, { trackingRulesJson: validated.json });
  return validated.rules;
}

const MappingInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the carrier name as your fulfillments spell it")
    .max(120, "The name is too long")
    .transform(normalizeCarrierName)
    .refine((name) => name.length > 0, "The name needs letters or digits"),
  carrier: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]{1,40}$/, "Use a carrier code: lower case letters, digits and _ (e.g. ups, canada_post)"),
});

export async function addCarrierNameMapping(db: Db, shopDomain: string, input: { name: string; carrier: string }): Promise<void> {
  const parsed = MappingInput.safeParse(input);
  if (!parsed.success) throw new SettingsError("The mapping needs fixing", fieldErrorsOf(parsed.error));
  await saveCarrierNameMapping(db, shopDomain, parsed.data);
}

export async function removeCarrierNameMapping(db: Db, shopDomain: string, name: string): Promise<void> {
  if (!(await deleteCarrierNameMapping(db, shopDomain, name))) throw new SettingsError("That mapping no longer exists");
}

export async function addCarrierAccount(
  db: Db,
  shopDomain: string,
  options: { key: string | undefined; carrier: string; credentials: Record<string, string> },
): Promise<CarrierAccountSummary> {
  const credentials = Object.fromEntries(
    Object.entries(options.credentials)
      .map(([field, value]) => [field, value.trim()] as const)
      .filter(([, value]) => value !== ""),
  );
  try {
    return await saveCarrierCredentials(db, { key: options.key, shopDomain, carrier: options.carrier, credentials });
  } catch (error) {
    if (error instanceof CarrierAccountError) throw new SettingsError(error.message, error.fieldErrors);
    throw error;
  }
}

export async function deleteCarrierAccount(db: Db, shopDomain: string, carrier: string): Promise<void> {
  if (!(await removeCarrierAccount(db, shopDomain, carrier))) throw new SettingsError(`No ${carrier} account is saved`);
}

export type CredentialTestResult =
  | { outcome: "accepted"; trackingNumber: string; detail: string }
  | { outcome: "rejected"; trackingNumber: string; detail: string }
  | { outcome: "unreachable"; trackingNumber: string; detail: string };

/**
 * Tests saved credentials the only way that proves them: the carrier's real adapter tracks one
 * number (the one given, else the shop's newest on that carrier). An auth failure means the
 * carrier rejected the credentials; "not found" still proves they work.
 */
export async function testCarrierAccount(
  db: Db,
  shopDomain: string,
  options: {
    key: string | undefined;
    carrier: string;
    trackingNumber?: string;
    adapter?: Pick<AdapterOptions<unknown>, "baseUrl" | "fetch" | "timeoutMs">;
  },
): Promise<CredentialTestResult> {
  if (!isCarrierCode(options.carrier)) throw new SettingsError(`Unknown carrier "${options.carrier}"`);
  const carrier = options.carrier;
  let credentials: unknown;
  try {
    credentials = await loadCarrierCredentials(db, { key: options.key, shopDomain, carrier });
  } catch (error) {
    if (error instanceof CarrierAccountError) throw new SettingsError(error.message);
    throw new SettingsError("The saved credentials cannot be opened (was the encryption key changed?). Remove and add them again.");
  }
  if (credentials === null) throw new SettingsError(`No ${CARRIER_PLUGINS[carrier].displayName} account is saved`);
  const trackingNumber = options.trackingNumber?.trim() || (await latestTrackingNumber(db, shopDomain, carrier));
  if (!trackingNumber) {
    throw new SettingsError("Enter a tracking number to test with", { trackingNumber: "You have no shipments on this carrier yet" });
  }
  const adapter = CARRIER_PLUGINS[carrier].createAdapter({
    credentials: credentials as never,
    timeoutMs: 10_000,
    ...options.adapter,
  });
  const [result] = await adapter.track([{ trackingNumber }]);
  if (!result) return { outcome: "unreachable", trackingNumber, detail: "The carrier returned no answer" };
  if (result.status === "found") return { outcome: "accepted", trackingNumber, detail: `Credentials work: ${result.events.length} scans returned` };
  if (result.status === "not_found") return { outcome: "accepted", trackingNumber, detail: "Credentials work (the carrier does not know this number)" };
  if (result.status === "invalid") return { outcome: "accepted", trackingNumber, detail: `Credentials work (the carrier says this number is invalid: ${result.message})` };
  if (result.code === "auth") return { outcome: "rejected", trackingNumber, detail: `Credentials rejected by the carrier: ${result.message}` };
  return { outcome: "unreachable", trackingNumber, detail: `Could not verify: ${result.message}` };
}

/** Where a carrier's API is reached: the simulator in development and demo, else its production host. */
export function carrierBaseUrl(simulatorUrl: string | undefined, carrier: string): string | undefined {
  if (!simulatorUrl || !isCarrierCode(carrier)) return undefined;
  return `${simulatorUrl.replace(/\/$/, "")}/${getCarrierPlugin(carrier).path}`;
}

import type { z } from "zod";
import type { AdapterOptions } from "~/carriers/adapter";
import { CARRIER_CODES, CARRIER_PLUGINS, carrierRegistry, getCarrierPlugin, isCarrierCode } from "~/carriers/registry";
import type { CarrierAccountSummary } from "~/data/carrier-accounts.server";
import type { Db } from "~/data/db.server";
import { deleteCarrierNameMapping, listCarrierNameMappings, saveCarrierNameMapping } from "~/data/carrier-name-mappings.server";
import { findShopSettings, latestTrackingNumber, updateShopSettings } from "~/data/shop-settings.server";
import { chooseAggregator } from "~/domain/aggregator-choice";
import { LOCALES } from "~/domain/locales/index";
import { carrierDisplayName, knownCarrierCodes, normalizeCarrierName } from "~/domain/tracking-number/carrier-names";
import { findShopLogo } from "~/data/settings-logos.server";
import { logoView } from "./logo.server";
import { brandingOf, MappingFormSchema, parseBranding, type SettingsFormValues, type CarrierOption, type LongTailView, type SettingsView } from "./settings-form";
import {
  CarrierAccountError,
  listCarrierAccounts,
  loadCarrierCredentials,
  removeCarrierAccount,
  saveCarrierCredentials,
} from "~/services/carrier-accounts/carrier-accounts.server";
import { parseTrackingRules, validateTrackingRules, type TrackingRules } from "./tracking-rules";

export type { SettingsView } from "./settings-form";
/**
 * The save bar's form checked on the server with the page's schema. Routes take it from here, a
 * server-only module, so the schema's code (zod) is not part of the page's scripts.
 */
export { parseSettingsForm } from "./settings-form";

/**
 * The Settings page's use cases: read everything the page shows, and one function per form.
 * Every input is validated here with messages a merchant can act on; a rejected form changes
 * nothing.
 */
export class SettingsError extends Error {
  override name = "SettingsError";
  constructor(
    /** A catalogue key ("settings.error.…"); the route words it in the staff member's language. */
    message: string,
    /** Field → catalogue key. */
    readonly fieldErrors: Record<string, string> = {},
    /** The key's placeholders. */
    readonly values: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** The Settings page's words for a refused carrier account. */
function accountError(error: CarrierAccountError, carrier: string): SettingsError {
  const name = isCarrierCode(carrier) ? CARRIER_PLUGINS[carrier].displayName : carrier;
  switch (error.code) {
    case "no_key":
      return new SettingsError("settings.error.noKeyAccounts");
    case "unknown_carrier":
      return new SettingsError("settings.error.unknownCarrier", {}, { carrier });
    case "invalid":
      return new SettingsError(
        "settings.error.credentialsIncomplete",
        Object.fromEntries(Object.keys(error.fieldErrors).map((field) => [field, "settings.error.credentialField"])),
        { carrier: name },
      );
    case "not_saved":
      return new SettingsError("settings.error.notSaved");
  }
}

export const SUPPORTED_LOCALES = Object.keys(LOCALES);

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
    throw new SettingsError("settings.error.longTail", { longTailAggregator: "settings.error.longTail" });
  }
  await updateShopSettings(db, shopDomain, { longTailAggregator: code });
}

export const CARRIER_OPTIONS: CarrierOption[] = CARRIER_CODES.map((code) => ({
  code,
  name: CARRIER_PLUGINS[code].displayName,
  fields: Object.entries(getCarrierPlugin(code).credentialFields).map(([name, field]) => ({ name, label: field.label, secret: field.secret })),
}));

/** Every carrier a carrier-name mapping can point to: the integrated ones and the known names. */
export function mappableCarriers(): { code: string; name: string }[] {
  const codes = new Set<string>([...CARRIER_CODES, ...knownCarrierCodes()]);
  return [...codes]
    .map((code) => ({ code, name: isCarrierCode(code) ? CARRIER_PLUGINS[code].displayName : (carrierDisplayName(code) ?? code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
}

export async function loadSettings(
  db: Db,
  shopDomain: string,
  options: { credentialsKey: string | undefined; appUrl?: string | undefined },
): Promise<SettingsView> {
  const [settings, mappings, carrierAccounts, logo] = await Promise.all([
    findShopSettings(db, shopDomain),
    listCarrierNameMappings(db, shopDomain),
    listCarrierAccounts(db, shopDomain),
    findShopLogo(db, shopDomain),
  ]);
  return {
    general: {
      writeBackEnabled: settings.writeBackEnabled,
      supportMinutesPerInquiry: settings.supportMinutesPerInquiry,
      brandAccentColor: settings.brandAccentColor,
      locales: settings.locales,
    },
    branding: parseBranding(settings.trackingPageJson),
    logo: logoView(options.appUrl, logo),
    publicUrl: `https://${shopDomain}/apps/track`,
    shopName: settings.name,
    trackingRules: parseTrackingRules(settings.trackingRulesJson),
    mappings,
    mappableCarriers: mappableCarriers(),
    carrierAccounts,
    carriers: CARRIER_OPTIONS,
    supportedLocales: SUPPORTED_LOCALES,
    credentialsUnavailable: options.credentialsKey ? null : "settings.credentialsUnavailable",
    longTail: longTailView(settings, new Date()),
  };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  return errors;
}

/**
 * Saves the Settings form (everything the save bar saves) in one write. `values` passed the schema
 * the page validated with (parseSettingsForm); the thresholds and the long-tail service are checked
 * here. A rejected form changes nothing.
 */
export async function saveSettingsForm(db: Db, shopDomain: string, values: SettingsFormValues): Promise<void> {
  const errors: Record<string, string> = {};
  let rulesJson: string | undefined;
  if (values.rules !== undefined) {
    let rules: unknown;
    try {
      rules = JSON.parse(values.rules);
    } catch {
      rules = null;
    }
    const validated = validateTrackingRules(rules);
    if (validated.ok) rulesJson = validated.json;
    else Object.assign(errors, Object.fromEntries(Object.entries(validated.fieldErrors).map(([path, message]) => [`rules.${path}`, message])));
  }
  if (!(carrierRegistry.aggregators as readonly string[]).includes(values.longTailAggregator)) errors.longTailAggregator = "settings.error.longTail";
  if (Object.keys(errors).length > 0) throw new SettingsError("settings.saveFailed", errors);
  await updateShopSettings(db, shopDomain, {
    writeBackEnabled: values.writeBackEnabled,
    supportMinutesPerInquiry: values.supportMinutesPerInquiry,
    brandAccentColor: values.brandAccentColor,
    locales: values.locales,
    longTailAggregator: values.longTailAggregator,
    trackingPageJson: JSON.stringify(brandingOf(values)),
    ...(rulesJson !== undefined ? { trackingRulesJson: rulesJson } : {}),
  });
}

export async function saveTrackingRules(db: Db, shopDomain: string, rules: unknown): Promise<TrackingRules> {
  const validated = validateTrackingRules(rules);
  if (!validated.ok) throw new SettingsError("settings.saveFailed", validated.fieldErrors);
  await updateShopSettings(db, shopDomain, { trackingRulesJson: validated.json });
  return validated.rules;
}

/** Maps a carrier name from fulfillments to a carrier chosen from the list (never a typed code). */
export async function addCarrierNameMapping(db: Db, shopDomain: string, input: { name: string; carrier: string }): Promise<void> {
  const parsed = MappingFormSchema.safeParse(input);
  if (!parsed.success) throw new SettingsError("settings.mappingFailed", fieldErrorsOf(parsed.error));
  const name = normalizeCarrierName(parsed.data.name);
  const errors: Record<string, string> = {};
  if (name.length === 0) errors.name = "settings.error.mappingNameLetters";
  if (!mappableCarriers().some((carrier) => carrier.code === parsed.data.carrier)) errors.carrier = "settings.error.mappingCarrier";
  if (Object.keys(errors).length > 0) throw new SettingsError("settings.mappingFailed", errors);
  await saveCarrierNameMapping(db, shopDomain, { name, carrier: parsed.data.carrier });
}

export async function removeCarrierNameMapping(db: Db, shopDomain: string, name: string): Promise<void> {
  if (!(await deleteCarrierNameMapping(db, shopDomain, name))) throw new SettingsError("settings.mappingGone");
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
    if (error instanceof CarrierAccountError) throw accountError(error, options.carrier);
    throw error;
  }
}

export async function deleteCarrierAccount(db: Db, shopDomain: string, carrier: string): Promise<void> {
  if (!(await removeCarrierAccount(db, shopDomain, carrier))) {
    throw new SettingsError("settings.error.noAccount", {}, { carrier: isCarrierCode(carrier) ? CARRIER_PLUGINS[carrier].displayName : carrier });
  }
}

/** `detail` is a catalogue key ("settings.accountTest.…") with its placeholders in `values`. */
export type CredentialTestResult = {
  outcome: "accepted" | "rejected" | "unreachable";
  trackingNumber: string;
  detail: string;
  values: Record<string, string | number>;
};

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
  if (!isCarrierCode(options.carrier)) throw new SettingsError("settings.error.unknownCarrier", {}, { carrier: options.carrier });
  const carrier = options.carrier;
  let credentials: unknown;
  try {
    credentials = await loadCarrierCredentials(db, { key: options.key, shopDomain, carrier });
  } catch (error) {
    if (error instanceof CarrierAccountError) throw accountError(error, carrier);
    throw new SettingsError("settings.error.cannotOpen");
  }
  if (credentials === null) throw new SettingsError("settings.error.noAccount", {}, { carrier: CARRIER_PLUGINS[carrier].displayName });
  const trackingNumber = options.trackingNumber?.trim() || (await latestTrackingNumber(db, shopDomain, carrier));
  if (!trackingNumber) {
    throw new SettingsError("settings.error.testNumber", { trackingNumber: "settings.error.noShipmentsOnCarrier" });
  }
  const adapter = CARRIER_PLUGINS[carrier].createAdapter({
    credentials: credentials as never,
    timeoutMs: 10_000,
    ...options.adapter,
  });
  const [result] = await adapter.track([{ trackingNumber }]);
  if (!result) return { outcome: "unreachable", trackingNumber, detail: "settings.accountTest.noAnswer", values: {} };
  if (result.status === "found") return { outcome: "accepted", trackingNumber, detail: "settings.accountTest.found", values: { scans: result.events.length } };
  if (result.status === "not_found") return { outcome: "accepted", trackingNumber, detail: "settings.accountTest.notFound", values: {} };
  // The carrier's own words stay as it wrote them, inside a sentence in the staff member's language.
  if (result.status === "invalid") return { outcome: "accepted", trackingNumber, detail: "settings.accountTest.invalid", values: { message: result.message } };
  if (result.code === "auth") return { outcome: "rejected", trackingNumber, detail: "settings.accountTest.rejected", values: { message: result.message } };
  return { outcome: "unreachable", trackingNumber, detail: "settings.accountTest.unreachable", values: { message: result.message } };
}

/** Where a carrier's API is reached: the simulator in development and demo, else its production host. */
export function carrierBaseUrl(simulatorUrl: string | undefined, carrier: string): string | undefined {
  if (!simulatorUrl || !isCarrierCode(carrier)) return undefined;
  return `${simulatorUrl.replace(/\/$/, "")}/${getCarrierPlugin(carrier).path}`;
}

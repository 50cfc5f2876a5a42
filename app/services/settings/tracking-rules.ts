import * as z from "zod";
import { DEFAULT_CARRIER_RULES, type CadenceMinutes, type CarrierRules } from "~/domain/shipment-state";

/**
 * The merchant's tracking rules (`Shop.trackingRulesJson`): stalled and not-picked-up thresholds
 * in business days, as a default for every carrier plus per-carrier overrides. The sync engine
 * reads them with `parseTrackingRules` + `carrierRulesFor`; the Settings page writes them with
 * `validateTrackingRules`. Pure: no I/O.
 */
const businessDays = z
  .number({ error: "settings.error.daysNumber" })
  .int("settings.error.daysWhole")
  .min(1, "settings.error.daysMin")
  .max(60, "settings.error.daysMax");

const checkInterval = z
  .number({ error: "settings.error.cadenceNumber" })
  .int("settings.error.cadenceWhole")
  .min(15, "settings.error.cadenceMin")
  .max(1440, "settings.error.cadenceMax");

const RuleOverride = z.object({
  /** How often to ask the carrier while a parcel moves (overrides the built-in cadence). */
  checkIntervalMinutes: z
    .object({ in_transit: checkInterval.optional(), out_for_delivery: checkInterval.optional() })
    .strict()
    .optional(),
  stalledAfterBusinessDays: z
    .object({ domestic: businessDays.optional(), international: businessDays.optional() })
    .strict()
    .optional(),
  notPickedUpAfterBusinessDays: businessDays.optional(),
}).strict();

const carrierCode = z.string().regex(/^[a-z0-9_]{1,40}$/, "carrier codes are lower case letters, digits and _");

export const TrackingRulesSchema = z
  .object({
    defaults: RuleOverride.optional(),
    carriers: z.record(carrierCode, RuleOverride).optional(),
  })
  .strict();

export type RuleOverride = z.infer<typeof RuleOverride>;
export type TrackingRules = { defaults: RuleOverride; carriers: Record<string, RuleOverride> };

export const EMPTY_TRACKING_RULES: TrackingRules = { defaults: {}, carriers: {} };

/**
 * Reads stored rules. Never throws: what was stored was validated on save, and a row that is
 * somehow unreadable must not stop tracking — it falls back to the built-in defaults.
 */
export function parseTrackingRules(json: string | null | undefined): TrackingRules {
  if (!json) return EMPTY_TRACKING_RULES;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return EMPTY_TRACKING_RULES;
  }
  const parsed = TrackingRulesSchema.safeParse(value);
  if (!parsed.success) return EMPTY_TRACKING_RULES;
  return { defaults: parsed.data.defaults ?? {}, carriers: parsed.data.carriers ?? {} };
}

/** Validates rules for saving; field errors are keyed by path ("carriers.ups.stalledAfterBusinessDays.domestic"). */
export function validateTrackingRules(
  value: unknown,
): { ok: true; rules: TrackingRules; json: string } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = TrackingRulesSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])) };
  }
  const rules = { defaults: dropEmpty(parsed.data.defaults ?? {}), carriers: {} as Record<string, RuleOverride> };
  for (const [carrier, override] of Object.entries(parsed.data.carriers ?? {})) {
    const cleaned = dropEmpty(override);
    if (Object.keys(cleaned).length) rules.carriers[carrier] = cleaned;
  }
  return { ok: true, rules, json: JSON.stringify(rules) };
}

function dropEmpty(override: RuleOverride): RuleOverride {
  const stalled = override.stalledAfterBusinessDays;
  const hasStalled = stalled && (stalled.domestic !== undefined || stalled.international !== undefined);
  return {
    ...(hasStalled ? { stalledAfterBusinessDays: stalled } : {}),
    ...(override.notPickedUpAfterBusinessDays !== undefined ? { notPickedUpAfterBusinessDays: override.notPickedUpAfterBusinessDays } : {}),
  };
}

/**
 * The `CarrierRules` overrides for one carrier (pass as `ShipmentContext.rules`): the carrier's own
 * values over the shop defaults over the built-in defaults, field by field.
 */
export function carrierRulesFor(rules: TrackingRules, carrier: string | null | undefined): Partial<CarrierRules> {
  const own = carrier ? rules.carriers[carrier] : undefined;
  const pick = <K extends "domestic" | "international">(key: K) =>
    own?.stalledAfterBusinessDays?.[key] ?? rules.defaults.stalledAfterBusinessDays?.[key];
  const domestic = pick("domestic");
  const international = pick("international");
  const notPickedUp = own?.notPickedUpAfterBusinessDays ?? rules.defaults.notPickedUpAfterBusinessDays;
  return {
    ...(domestic !== undefined || international !== undefined
      ? {
          stalledAfterBusinessDays: {
            domestic: domestic ?? DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.domestic,
            international: international ?? DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.international,
          },
        }
      : {}),
    ...(notPickedUp !== undefined ? { notPickedUpAfterBusinessDays: notPickedUp } : {}),
  };
}

/** The shop's check cadence for a carrier (carrier override, else the shop default); empty = built-in. */
export function cadenceFor(rules: TrackingRules, carrier: string | null | undefined): CadenceMinutes {
  const own = carrier ? rules.carriers[carrier]?.checkIntervalMinutes : undefined;
  const shop = rules.defaults.checkIntervalMinutes;
  const cadence: CadenceMinutes = {};
  for (const status of ["in_transit", "out_for_delivery"] as const) {
    const minutes = own?.[status] ?? shop?.[status];
    if (minutes !== undefined) cadence[status] = minutes;
  }
  return cadence;
}

import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "~/data/db.server";
import { findWismoSettings, updateWismoSettings, type WismoSettingsRecord } from "~/data/inquiries.server";
import { isHeldOut, MAX_HOLDOUT_PERCENT, type HoldoutSettings } from "~/domain/wismo/holdout";
import { open, seal } from "~/services/carrier-accounts/sealed-box.server";

/**
 * A shop's WISMO measurement settings: the holdout experiment (opt-in, share of orders held out),
 * whether shoppers' messages are kept (sealed) after classification, and the helpdesk secrets
 * (sealed with CREDENTIALS_KEY like carrier credentials).
 */
export type HelpdeskKind = "gorgias" | "zendesk" | "api";
export const HELPDESK_KINDS: readonly HelpdeskKind[] = ["gorgias", "zendesk", "api"];

export class WismoSettingsError extends Error {
  override name = "WismoSettingsError";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const newHoldoutKey = () => crypto.randomBytes(24).toString("base64url");

export async function loadWismoSettings(db: Db, shopDomain: string): Promise<WismoSettingsRecord> {
  return findWismoSettings(db, shopDomain, newHoldoutKey);
}

export function holdoutOf(settings: WismoSettingsRecord): HoldoutSettings {
  return { enabled: settings.holdoutEnabled, percent: settings.holdoutPercent, key: settings.holdoutKey };
}

/** For the notification pipeline: whether proactive notices must be held back for this order. */
export async function orderIsHeldOut(db: Db, shopDomain: string, orderId: string): Promise<boolean> {
  return isHeldOut(orderId, holdoutOf(await loadWismoSettings(db, shopDomain)));
}

const secretAad = (shopDomain: string, kind: HelpdeskKind) => `helpdesk-secret:${shopDomain}:${kind}`;
const messageAad = (shopDomain: string) => `inquiry-message:${shopDomain}`;

export function sealMessage(message: string, key: string, shopDomain: string): string {
  return seal(message, key, messageAad(shopDomain));
}

export function openMessage(sealed: string, key: string, shopDomain: string): string {
  return open(sealed, key, messageAad(shopDomain));
}

export function helpdeskSecret(settings: WismoSettingsRecord, kind: HelpdeskKind, key: string | undefined): string | null {
  const sealed = kind === "gorgias" ? settings.gorgiasSecretSealed : kind === "zendesk" ? settings.zendeskSecretSealed : settings.apiSecretSealed;
  if (!sealed || !key) return null;
  return open(sealed, key, secretAad(settings.shopDomain, kind));
}

/** Shortest helpdesk secret accepted. */
export const MIN_SECRET_LENGTH = 16;

// Messages are catalogue keys ("wismo.error.…"): the page words them in the staff member's language.
const MeasurementInput = z.object({
  holdoutEnabled: z.boolean(),
  holdoutPercent: z
    .number({ error: "wismo.error.holdoutRequired" })
    .int("wismo.error.holdoutWhole")
    .min(1, "wismo.error.holdoutMin")
    .max(MAX_HOLDOUT_PERCENT, "wismo.error.holdoutMax"),
  keepMessages: z.boolean(),
});

export type MeasurementSettingsInput = z.input<typeof MeasurementInput>;

/** Saves the holdout and retention choices; the holdout's start is when it was switched on. */
export async function saveMeasurementSettings(
  db: Db,
  shopDomain: string,
  input: MeasurementSettingsInput,
  options: { credentialsKey: string | undefined; now: Date },
): Promise<WismoSettingsRecord> {
  const parsed = MeasurementInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
    throw new WismoSettingsError("wismo.error.settingsInvalid", fieldErrors);
  }
  if (parsed.data.keepMessages && !options.credentialsKey) {
    throw new WismoSettingsError("wismo.error.noKeyMessages", {
      keepMessages: "wismo.error.needsKey",
    });
  }
  const current = await loadWismoSettings(db, shopDomain);
  const startsNow = parsed.data.holdoutEnabled && (!current.holdoutEnabled || current.holdoutPercent !== parsed.data.holdoutPercent);
  return updateWismoSettings(
    db,
    shopDomain,
    {
      ...parsed.data,
      holdoutStartedAt: parsed.data.holdoutEnabled ? (startsNow ? options.now : current.holdoutStartedAt) : null,
    },
    newHoldoutKey,
  );
}

/** Stores a helpdesk secret sealed; a blank secret for gorgias/api makes a new random one. Returns it once. */
export async function saveHelpdeskSecret(
  db: Db,
  shopDomain: string,
  input: { kind: HelpdeskKind; secret: string; credentialsKey: string | undefined },
): Promise<string> {
  if (!input.credentialsKey) throw new WismoSettingsError("wismo.error.noKeySecrets");
  let secret = input.secret.trim();
  if (!secret) {
    if (input.kind === "zendesk") throw new WismoSettingsError("wismo.error.zendeskSecret", { secret: "wismo.error.required" });
    secret = crypto.randomBytes(32).toString("hex");
  }
  if (secret.length < MIN_SECRET_LENGTH) throw new WismoSettingsError("wismo.error.secretShort", { secret: "wismo.error.secretMin" });
  const sealed = seal(secret, input.credentialsKey, secretAad(shopDomain, input.kind));
  const field = input.kind === "gorgias" ? "gorgiasSecretSealed" : input.kind === "zendesk" ? "zendeskSecretSealed" : "apiSecretSealed";
  await updateWismoSettings(db, shopDomain, { [field]: sealed }, newHoldoutKey);
  return secret;
}

import { getCarrierPlugin, isCarrierCode, type CarrierCode } from "~/carriers/registry";
import {
  deleteCarrierAccount,
  findSealedCredentials,
  listCarrierAccounts,
  upsertCarrierAccount,
  type CarrierAccountSummary,
} from "~/data/carrier-accounts.server";
import type { Db } from "~/data/db.server";
import { open, seal } from "./sealed-box.server";

/**
 * A shop's own carrier API credentials: validated against the carrier plug-in's schema, sealed
 * with AES-256-GCM before they touch the database, and only ever shown masked.
 */
export class CarrierAccountError extends Error {
  override name = "CarrierAccountError";
  constructor(
    message: string,
    /** What went wrong, for pages to word in the staff member's language. */
    readonly code: "no_key" | "unknown_carrier" | "invalid" | "not_saved",
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

const associatedData = (shopDomain: string, carrier: string) => `carrier-account:${shopDomain}:${carrier}`;

/** "••••3f9a" of the first identifying field (client id / api key), never of a secret. */
export function maskCredentials(credentials: Record<string, unknown>): string {
  const identifying = ["clientId", "apiKey", "accountNumber"].map((field) => credentials[field]).find((value) => typeof value === "string");
  const text = typeof identifying === "string" ? identifying : "";
  return text.length > 4 ? `••••${text.slice(-4)}` : "••••";
}

function requireKey(key: string | undefined): string {
  if (!key) throw new CarrierAccountError("CREDENTIALS_KEY is not configured, so carrier credentials cannot be stored", "no_key");
  return key;
}

function carrierCode(carrier: string): CarrierCode {
  if (!isCarrierCode(carrier)) throw new CarrierAccountError(`unknown carrier "${carrier}"`, "unknown_carrier");
  return carrier;
}

export async function saveCarrierCredentials(
  db: Db,
  options: { key: string | undefined; shopDomain: string; carrier: string; credentials: unknown },
): Promise<CarrierAccountSummary> {
  const carrier = carrierCode(options.carrier);
  const parsed = getCarrierPlugin(carrier).credentials.safeParse(options.credentials);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "credentials", issue.message]));
    throw new CarrierAccountError(`invalid ${carrier} credentials`, "invalid", fieldErrors);
  }
  const plaintext = JSON.stringify(parsed.data);
  const maskedHint = maskCredentials(parsed.data as Record<string, unknown>);
  await upsertCarrierAccount(db, {
    shopDomain: options.shopDomain,
    carrier,
    credentialsEncrypted: seal(plaintext, requireKey(options.key), associatedData(options.shopDomain, carrier)),
    maskedHint,
  });
  const saved = (await listCarrierAccounts(db, options.shopDomain)).find((account) => account.carrier === carrier);
  if (!saved) throw new CarrierAccountError("credentials were not saved", "not_saved");
  return saved;
}

/** The shop's credentials for a carrier, opened; null when the shop has none (app-level ones apply). */
export async function loadCarrierCredentials(
  db: Db,
  options: { key: string | undefined; shopDomain: string; carrier: string },
): Promise<unknown | null> {
  const carrier = carrierCode(options.carrier);
  const sealed = await findSealedCredentials(db, options.shopDomain, carrier);
  if (!sealed) return null;
  return JSON.parse(open(sealed, requireKey(options.key), associatedData(options.shopDomain, carrier))) as unknown;
}

export { deleteCarrierAccount as removeCarrierAccount, listCarrierAccounts };

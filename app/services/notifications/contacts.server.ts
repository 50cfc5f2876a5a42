import crypto from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "~/data/notifications.server";
import { saveShopperContact } from "~/data/notifications.server";
import { DEMO_API_SECRET } from "~/config/demo-mode.server";
import { open, seal } from "~/services/carrier-accounts/sealed-box.server";
import { hashCustomerEmail, hashCustomerPhone } from "~/data/identity.server";

/**
 * Shopper contact details for notifications (email, phone, first name), sealed at rest with the
 * same AES-256-GCM box and key as carrier credentials, bound to their shop and order. Captured
 * from the fulfillment payload at ingestion, erased after the retention period, by
 * customers/redact and shop/redact. Never logged: nothing here prints a contact.
 */
export interface ShopperContactDetails {
  email: string | null;
  phone: string | null;
  firstName: string | null;
}

const associatedData = (shopDomain: string, orderId: string) => `shopper-contact:${shopDomain}:${orderId}`;

/**
 * The sealing key: CREDENTIALS_KEY; in demo mode (no real shoppers) one derived from the demo
 * secret so the demo can show emails without configuration. Undefined: contacts are not stored.
 */
export function contactKey(env: { CREDENTIALS_KEY?: string | undefined; TRACKLINE_DEMO?: boolean }): string | undefined {
  if (env.CREDENTIALS_KEY) return env.CREDENTIALS_KEY;
  if (env.TRACKLINE_DEMO) return Buffer.from(crypto.hkdfSync("sha256", DEMO_API_SECRET, "trackline", "demo contacts", 32)).toString("base64");
  return undefined;
}

export function sealContact(key: string, shopDomain: string, orderId: string, contact: ShopperContactDetails): string {
  return seal(JSON.stringify(contact), key, associatedData(shopDomain, orderId));
}

export function openContact(key: string, shopDomain: string, orderId: string, sealed: string): ShopperContactDetails {
  const parsed = JSON.parse(open(sealed, key, associatedData(shopDomain, orderId))) as Partial<ShopperContactDetails>;
  return { email: parsed.email ?? null, phone: parsed.phone ?? null, firstName: parsed.firstName ?? null };
}

const text = z
  .string()
  .nullish()
  .transform((value) => (value?.trim() ? value.trim() : null));
const person = z.object({ first_name: text, phone: text, locale: text }).passthrough().nullish();

/** The contact parts of a `fulfillments/*` payload (REST shape); unknown fields are ignored. */
const contactPayload = z
  .object({
    email: text,
    phone: text,
    destination: person,
    customer: person,
    customer_locale: text,
  })
  .passthrough();

export interface CapturedContact extends ShopperContactDetails {
  locale: string | null;
}

export function contactFromFulfillmentPayload(payload: unknown): CapturedContact | null {
  const parsed = contactPayload.safeParse(payload);
  if (!parsed.success) return null;
  const value = parsed.data;
  const contact = {
    email: value.email,
    phone: value.destination?.phone ?? value.phone ?? value.customer?.phone ?? null,
    firstName: value.destination?.first_name ?? value.customer?.first_name ?? null,
    locale: value.customer_locale ?? value.customer?.locale ?? null,
  };
  return contact.email || contact.phone ? contact : null;
}

/**
 * Stores an order's contact, sealed, inside the ingestion transaction. Without a key nothing is
 * stored (notifications to shoppers then have no address and are skipped, recorded as such).
 */
export async function captureShopperContact(
  client: DbOrTx,
  shopDomain: string,
  orderId: string,
  contact: CapturedContact | null,
  key: string | undefined,
  now: Date,
): Promise<boolean> {
  if (!contact || !key) return false;
  await saveShopperContact(
    client,
    {
      shopDomain,
      orderId,
      sealed: sealContact(key, shopDomain, orderId, { email: contact.email, phone: contact.phone, firstName: contact.firstName }),
      locale: contact.locale,
      emailHash: contact.email ? hashCustomerEmail(contact.email) : null,
      phoneHash: contact.phone ? hashCustomerPhone(contact.phone) : null,
    },
    now,
  );
  return true;
}

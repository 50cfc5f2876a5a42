import type { Db } from "~/data/db.server";
import { findWorklistItem, recordShopperEmail, shopperEmailFacts } from "~/data/worklist.server";
import { isWorklistKind } from "~/domain/worklist";
import { isSupportTemplate, supportMoment, TEMPLATES_BY_KIND } from "~/domain/worklist-emails";
import { SealedBoxError } from "~/services/carrier-accounts/sealed-box.server";
import { openContact } from "~/services/notifications/contacts.server";

export type ShopperEmailOutcome =
  | { ok: true }
  | { ok: false; reason: "no_item" | "no_parcel" | "wrong_template" | "no_email_channel" | "no_contact" };

/**
 * "Email the shopper" from a worklist item: a template that fits the item's kind, queued in the
 * notification outbox for the dispatcher and the email channel (which write it in the shopper's
 * language and send it over the shop's SMTP server). Refused, before anything is queued, when the
 * shop has no email channel (SMTP settings and the encryption key) or no contact with an email
 * address is stored for the order.
 */
export async function emailShopperFromWorklist(
  db: Db,
  input: { shopDomain: string; itemId: string; template: string; actor: string; now: Date; key: string | undefined },
): Promise<ShopperEmailOutcome> {
  const item = await findWorklistItem(db, input.shopDomain, input.itemId);
  if (!item) return { ok: false, reason: "no_item" };
  if (!item.shipmentId) return { ok: false, reason: "no_parcel" };
  const templates = isWorklistKind(item.kind) ? TEMPLATES_BY_KIND[item.kind] : [];
  if (!isSupportTemplate(input.template) || !templates.includes(input.template)) return { ok: false, reason: "wrong_template" };
  const facts = await shopperEmailFacts(db, input.shopDomain, item.shipmentId);
  if (!facts) return { ok: false, reason: "no_parcel" };
  if (!facts.smtpConfigured || !input.key) return { ok: false, reason: "no_email_channel" };
  if (!facts.contactSealed) return { ok: false, reason: "no_contact" };
  try {
    if (!openContact(input.key, input.shopDomain, facts.shipment.orderId, facts.contactSealed).email) return { ok: false, reason: "no_contact" };
  } catch (error) {
    if (error instanceof SealedBoxError) return { ok: false, reason: "no_contact" };
    throw error;
  }
  await recordShopperEmail(db, {
    shopDomain: input.shopDomain,
    itemId: item.id,
    shipment: facts.shipment,
    moment: supportMoment(input.template),
    template: input.template,
    actor: input.actor,
    now: input.now,
  });
  return { ok: true };
}

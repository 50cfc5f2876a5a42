import type { Db } from "~/data/db.server";
import { insertInquiry, noticeSentBefore, parcelForInquiry, shopperLookedBefore } from "~/data/inquiries.server";
import type { InquiryReason, InquirySource } from "~/domain/wismo/reasons";
import { alertNewInquiry } from "~/services/notifications/merchant-alerts.server";
import { loadWismoSettings, sealMessage } from "./settings.server";

/**
 * Records one inquiry with the parcel's state at that moment: which parcel, its status and
 * late/stalled flags, carrier and lane, whether the shopper had looked the order up and whether a
 * status notice had gone out. The message is kept only when the merchant opted in, the order is
 * known (so the compliance webhooks can find it) and an encryption key is configured; sealed.
 */
export interface InquiryInput {
  shopDomain: string;
  source: InquirySource;
  reason: InquiryReason;
  orderId: string | null;
  shipmentId: string | null;
  externalId: string | null;
  message: string | null;
  at: Date;
  credentialsKey: string | undefined;
}

export const MAX_MESSAGE_LENGTH = 2000;

export async function recordInquiry(db: Db, input: InquiryInput): Promise<{ id: string; created: boolean }> {
  const settings = await loadWismoSettings(db, input.shopDomain);
  const parcel = input.orderId ? await parcelForInquiry(db, input.shopDomain, input.orderId, input.shipmentId) : null;
  const orderId = input.orderId;
  const [looked, notified] = orderId
    ? await Promise.all([shopperLookedBefore(db, input.shopDomain, orderId, input.at), noticeSentBefore(db, input.shopDomain, orderId, input.at)])
    : [false, false];
  const message = input.message?.trim().slice(0, MAX_MESSAGE_LENGTH) ?? "";
  const keep = settings.keepMessages && orderId !== null && message !== "" && input.credentialsKey !== undefined;
  const stored = await insertInquiry(db, {
    shopDomain: input.shopDomain,
    orderId,
    shipmentId: parcel?.shipmentId ?? null,
    source: input.source,
    reason: input.reason,
    externalId: input.externalId,
    parcelStatus: parcel?.status ?? null,
    parcelLate: parcel?.late ?? false,
    parcelStalled: parcel?.stalled ?? false,
    carrier: parcel?.carrier ?? null,
    lane: parcel?.lane ?? null,
    lookedAtTracking: looked,
    notifiedBefore: notified,
    messageSealed: keep && input.credentialsKey ? sealMessage(message, input.credentialsKey, input.shopDomain) : null,
    createdAt: input.at,
  });
  // A new inquiry (not a redelivered ticket) may alert the merchant's team.
  if (stored.created) {
    await alertNewInquiry(db, { shopDomain: input.shopDomain, inquiryId: stored.id, reason: input.reason, parcelStatus: parcel?.status ?? null, at: input.at });
  }
  return stored;
}

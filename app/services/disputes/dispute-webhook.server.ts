import { z } from "zod";
import { disputeEvidenceMode, orderParcelStatuses, upsertDispute, type EvidenceState } from "~/data/disputes.server";
import { evidenceApplies, isDisputeOpen } from "~/domain/evidence-pack";
import { parsePayload, type WebhookHandler } from "~/services/ingestion/webhook-delivery";

/**
 * `disputes/create` and `disputes/update` (Shopify Payments). The dispute is kept whatever its
 * order (an order Trackline never saw is listed as unknown); when tracking can answer it, its
 * evidence pack is ready to download, or queued to be attached if the shop opted in.
 */
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const optionalDate = z
  .string()
  .nullish()
  .transform((value) => {
    if (!value) return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  });

export const disputeWebhookSchema = z
  .object({
    id: numericId,
    order_id: numericId.nullish(),
    type: z.string().nullish(),
    amount: z.union([z.string(), z.number()]).nullish(),
    currency: z.string().nullish(),
    reason: z.string().min(1),
    network_reason_code: z.string().nullish(),
    status: z.string().min(1),
    evidence_due_by: optionalDate,
    evidence_sent_on: optionalDate,
    finalized_on: optionalDate,
    initiated_at: optionalDate,
  })
  .passthrough();

export function disputeGid(id: string): string {
  return `gid://shopify/ShopifyPaymentsDispute/${id}`;
}

export const disputeChanged: WebhookHandler = {
  transactional: true,
  async handle(client, delivery) {
    const payload = parsePayload(disputeWebhookSchema, delivery.payload, delivery.topic);
    const orderId = payload.order_id ? `gid://shopify/Order/${payload.order_id}` : null;
    const parcels = orderId ? (await orderParcelStatuses(client, delivery.shopDomain, orderId)).filter((parcel) => !parcel.isReturn) : [];
    const mode = await disputeEvidenceMode(client, delivery.shopDomain);
    const applies = evidenceApplies(payload.reason, parcels);
    const attach = mode === "attach" || mode === "attach_and_submit";
    const evidenceState: EvidenceState = !applies ? "not_applicable" : attach && isDisputeOpen(payload.status) ? "pending_attach" : "ready";
    const { dispute, created } = await upsertDispute(
      client,
      {
        shopDomain: delivery.shopDomain,
        disputeId: disputeGid(payload.id),
        orderId,
        kind: payload.type ?? "chargeback",
        reason: payload.reason,
        networkReasonCode: payload.network_reason_code ?? null,
        status: payload.status,
        amount: payload.amount === null || payload.amount === undefined ? null : String(payload.amount),
        currency: payload.currency ?? null,
        initiatedAt: payload.initiated_at,
        evidenceDueBy: payload.evidence_due_by,
        evidenceSentOn: payload.evidence_sent_on,
        finalizedOn: payload.finalized_on,
      },
      { orderKnown: parcels.length > 0, evidenceState },
    );
    return {
      outcome: "processed",
      note: `${created ? "recorded" : "updated"} ${payload.reason} dispute (${parcels.length > 0 ? "order tracked" : "order unknown"}; evidence ${dispute.evidenceState})`,
      orderId,
    };
  },
};

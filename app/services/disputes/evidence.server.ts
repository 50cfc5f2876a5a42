import type { Db } from "~/data/db.server";
import {
  disputesAwaitingAttachment,
  disputesOfOrder,
  markEvidenceReady,
  orderLookups,
  recordAudit,
  settleEvidence,
  shopDisputeSettings,
  type StoredDispute,
} from "~/data/disputes.server";
import { findOrderShipments, findShipment, type TrackedShipment } from "~/data/tracking-views.server";
import { buildEvidencePack, type EvidenceInput, type EvidencePack } from "~/domain/evidence-pack";
import { AdminApiError, type AdminFetch, type AdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { disputeDetails, stagedUpload, updateDisputeEvidence, type ShopifyMailingAddress } from "~/shopify/graphql/disputes";
import { renderEvidencePdf } from "./evidence-pdf.server";

/**
 * Use cases of dispute evidence: assemble the pack of an order (download), and attach pending
 * packs to their Shopify Payments dispute for shops that opted in — submitting them only when the
 * merchant chose that too.
 */

function addressOf(address: ShopifyMailingAddress | null | undefined): EvidenceInput["shippingAddress"] {
  if (!address) return null;
  return {
    address1: address.address1,
    address2: address.address2,
    city: address.city ?? undefined,
    province: address.provinceCode ?? undefined,
    postalCode: address.zip ?? undefined,
    country: address.countryCodeV2 ?? undefined,
  };
}

function parcelsOf(shipments: TrackedShipment[]): EvidenceInput["parcels"] {
  return shipments.map((shipment) => ({
    trackingNumber: shipment.trackingNumber,
    carrier: shipment.carrier,
    status: shipment.status,
    fulfilledAt: shipment.fulfillmentCreatedAt?.toISOString() ?? null,
    deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
    isReturn: shipment.isReturn,
    events: shipment.events,
    proofOfDelivery: shipment.proofOfDelivery,
  }));
}

export interface AssembledEvidence {
  pack: EvidencePack;
  pdf: Buffer;
  filename: string;
}

/** The pack of one order: everything from our rows, the shipping address from Shopify when given. */
export async function assembleOrderEvidence(
  db: Db,
  shopDomain: string,
  orderId: string,
  options: { dispute: StoredDispute | null; shippingAddress: ShopifyMailingAddress | null; now: Date },
): Promise<AssembledEvidence | null> {
  const shipments = await findOrderShipments(db, shopDomain, orderId);
  const first = shipments[0];
  if (!first) return null;
  const [settings, lookups] = await Promise.all([shopDisputeSettings(db, shopDomain), orderLookups(db, shopDomain, orderId)]);
  const dispute = options.dispute;
  const pack = buildEvidencePack({
    shopName: settings.name ?? shopDomain,
    order: { name: first.orderName, createdAt: first.orderCreatedAt?.toISOString() ?? null },
    dispute: dispute
      ? {
          id: dispute.disputeId,
          reason: dispute.reason,
          kind: dispute.kind,
          amount: dispute.amount,
          currency: dispute.currency,
          evidenceDueBy: dispute.evidenceDueBy?.toISOString() ?? null,
        }
      : null,
    shippingAddress: addressOf(options.shippingAddress),
    parcels: parcelsOf(shipments),
    lookups: lookups.map((lookup) => ({ surface: lookup.surface, occurredAt: lookup.occurredAt.toISOString() })),
    generatedAt: options.now.toISOString(),
    timeZone: settings.timezone,
  });
  const pdf = await renderEvidencePdf(pack, { creationDate: options.now });
  const filename = `delivery-evidence-${first.orderName.replace(/[^\w-]+/g, "")}.pdf`;
  return { pack, pdf, filename };
}

/** "Download evidence pack" on the shipment page: its order's pack, with the newest dispute if any. */
export async function shipmentEvidence(
  db: Db,
  shopDomain: string,
  shipmentId: string,
  options: { admin: AdminGraphqlClient | null; now: Date },
): Promise<AssembledEvidence | null> {
  const shipment = await findShipment(db, shopDomain, shipmentId);
  if (!shipment) return null;
  const dispute = (await disputesOfOrder(db, shopDomain, shipment.orderId))[0] ?? null;
  let shippingAddress: ShopifyMailingAddress | null = null;
  if (options.admin && dispute) {
    // The dispute's order carries the address; without a dispute or a session the pack says "not available".
    shippingAddress = (await disputeDetails(options.admin, dispute.disputeId).catch(() => null))?.order?.shippingAddress ?? null;
  }
  return assembleOrderEvidence(db, shopDomain, shipment.orderId, { dispute, shippingAddress, now: options.now });
}

export interface AttachReport {
  attached: number;
  submitted: number;
  failed: number;
  retryLater: number;
}

/**
 * Attaches every pending pack: dispute details (evidence id, order address) → pack → PDF staged
 * upload → `disputeEvidenceUpdate` with the shipping documentation file, the shopper's tracking
 * views as `accessActivityLog`, the pack as `uncategorizedText` and the shipping address;
 * `submitEvidence` only for shops in attach_and_submit mode. User errors fail the row (shown to
 * the merchant); Shopify being unavailable leaves it pending for the next pass.
 */
export async function attachPendingEvidence(
  db: Db,
  adminClientFor: (shop: string) => Promise<AdminGraphqlClient>,
  upload: AdminFetch,
  now: Date,
): Promise<AttachReport> {
  const report: AttachReport = { attached: 0, submitted: 0, failed: 0, retryLater: 0 };
  for (const dispute of await disputesAwaitingAttachment(db)) {
    const fail = async (error: string) => {
      await settleEvidence(db, dispute.id, { state: "failed", error, at: now });
      await recordAudit(db, { shopDomain: dispute.shopDomain, actor: "trackline", action: "evidence_failed", subjectType: "dispute", subjectId: dispute.id, detail: { error }, at: now });
      report.failed += 1;
    };
    try {
      const settings = await shopDisputeSettings(db, dispute.shopDomain);
      if (settings.disputeEvidenceMode === "download") {
        // The merchant opted out since: nothing is sent.
        await markEvidenceReady(db, dispute.id);
        continue;
      }
      const client = await adminClientFor(dispute.shopDomain);
      const details = await disputeDetails(client, dispute.disputeId);
      if (!details?.evidenceId) {
        await fail("Shopify has no evidence for this dispute");
        continue;
      }
      const assembled = dispute.orderId
        ? await assembleOrderEvidence(db, dispute.shopDomain, dispute.orderId, { dispute, shippingAddress: details.order?.shippingAddress ?? null, now })
        : null;
      if (!assembled) {
        await fail("The dispute's order has no tracked parcel");
        continue;
      }
      const uploaded = await stagedUpload(client, upload, { filename: assembled.filename, mimeType: "application/pdf", bytes: assembled.pdf });
      if (!uploaded.ok) {
        await fail(uploaded.userErrors.map((error) => error.message).join("; "));
        continue;
      }
      const address = details.order?.shippingAddress;
      const submit = settings.disputeEvidenceMode === "attach_and_submit";
      const result = await updateDisputeEvidence(client, details.evidenceId, {
        shippingDocumentationFile: { id: uploaded.resourceUrl },
        ...(assembled.pack.accessActivityLog ? { accessActivityLog: assembled.pack.accessActivityLog } : {}),
        uncategorizedText: assembled.pack.text,
        ...(address
          ? {
              shippingAddress: Object.fromEntries(
                Object.entries({
                  address1: address.address1,
                  address2: address.address2,
                  city: address.city,
                  provinceCode: address.provinceCode,
                  zip: address.zip,
                  countryCode: address.countryCodeV2,
                }).filter(([, value]) => value),
              ),
            }
          : {}),
        submitEvidence: submit,
      });
      if (!result.ok) {
        await fail(result.userErrors.map((error) => `${error.code ?? "ERROR"}: ${error.message}`).join("; "));
        continue;
      }
      await settleEvidence(db, dispute.id, { state: submit ? "submitted" : "attached", at: now });
      await recordAudit(db, {
        shopDomain: dispute.shopDomain,
        actor: "trackline",
        action: submit ? "evidence_submitted" : "evidence_attached",
        subjectType: "dispute",
        subjectId: dispute.id,
        detail: { file: assembled.filename, accessActivityLog: assembled.pack.accessActivityLog !== null },
        at: now,
      });
      if (submit) report.submitted += 1;
      else report.attached += 1;
    } catch (error) {
      if (error instanceof AdminApiError && error.retryable) {
        report.retryLater += 1;
        continue;
      }
      await fail(error instanceof Error ? error.message : String(error));
    }
  }
  return report;
}

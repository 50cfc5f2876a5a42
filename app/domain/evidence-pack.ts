import { compareAddresses, type AddressComparison, type PodAddress, type ProofOfDelivery } from "./proof-of-delivery";
import type { CanonicalEvent, CanonicalStatus } from "./status";

/**
 * Dispute evidence: which disputes a parcel's tracking can answer, and the evidence pack (order
 * and fulfillment facts, full carrier timeline, proof of delivery, shipping address against the
 * delivery location, the shopper's own views of the tracking page after delivery) as plain
 * sections that the PDF and the text renderings share. Pure.
 */

export { DISPUTE_REASONS } from "./dispute-reasons";

/** Final dispute statuses: nothing more can be sent. */
export const CLOSED_DISPUTE_STATUSES = ["won", "lost", "accepted", "charge_refunded"] as const;

export function isDisputeOpen(status: string): boolean {
  return !(CLOSED_DISPUTE_STATUSES as readonly string[]).includes(status);
}

/**
 * Tracking answers "I never received it" (product_not_received), and "it wasn't me" (fraudulent)
 * once the parcel was delivered to the shipping address; other reasons are about the goods or
 * the payment, which tracking cannot speak to.
 */
export function evidenceApplies(reason: string, parcels: readonly { status: CanonicalStatus | string }[]): boolean {
  if (parcels.length === 0) return false;
  if (reason === "product_not_received") return true;
  if (reason === "fraudulent") return parcels.some((parcel) => parcel.status === "delivered");
  return false;
}

export interface EvidenceParcel {
  trackingNumber: string;
  carrier: string | null;
  status: CanonicalStatus;
  fulfilledAt: string | null;
  deliveredAt: string | null;
  isReturn: boolean;
  /** Oldest first. */
  events: CanonicalEvent[];
  proofOfDelivery: ProofOfDelivery | null;
}

export interface EvidenceLookup {
  surface: string;
  occurredAt: string;
}

export interface EvidenceInput {
  shopName: string;
  order: { name: string; createdAt: string | null };
  /** Null when the merchant downloads the pack before (or without) a dispute. */
  dispute: { id: string; reason: string; kind: string; amount: string | null; currency: string | null; evidenceDueBy: string | null } | null;
  shippingAddress: (PodAddress & { address1?: string | null; address2?: string | null }) | null;
  parcels: EvidenceParcel[];
  /** Shopper views of the order's tracking (storefront page, order status page). */
  lookups: EvidenceLookup[];
  generatedAt: string;
  timeZone: string;
}

export interface EvidenceSection {
  heading: string;
  lines: string[];
}

export interface EvidencePack {
  title: string;
  summary: string;
  sections: EvidenceSection[];
  /** For `accessActivityLog`: the shopper's own tracking-page visits after delivery. */
  accessActivityLog: string | null;
  /** For `uncategorizedText`: the whole pack as text. */
  text: string;
  comparisons: AddressComparison[];
  viewsAfterDelivery: EvidenceLookup[];
}

const SURFACES: Record<string, string> = {
  storefront: "store tracking page",
  customer_account: "order status page (customer account)",
};

function when(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "unknown";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(date);
  return `${local} (${date.toISOString().replace(".000Z", "Z")})`;
}

function place(event: CanonicalEvent): string {
  const l = event.location;
  return l ? [l.city, l.province, l.postalCode, l.country].filter(Boolean).join(", ") : "";
}

function addressLine(address: EvidenceInput["shippingAddress"]): string {
  if (!address) return "not available";
  return [address.address1, address.address2, address.city, address.province, address.postalCode, address.country].filter(Boolean).join(", ");
}

export function buildEvidencePack(input: EvidenceInput): EvidencePack {
  const tz = input.timeZone;
  const outbound = input.parcels.filter((parcel) => !parcel.isReturn);
  const delivered = outbound.filter((parcel) => parcel.status === "delivered");
  const firstDelivery = delivered
    .map((parcel) => parcel.deliveredAt)
    .filter((at): at is string => at !== null)
    .sort()[0];
  const viewsAfterDelivery = firstDelivery
    ? input.lookups.filter((lookup) => lookup.surface !== "admin" && lookup.occurredAt >= firstDelivery).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
    : [];
  const sections: EvidenceSection[] = [];

  sections.push({
    heading: "Order and dispute",
    lines: [
      `Shop: ${input.shopName}`,
      `Order: ${input.order.name}, placed ${when(input.order.createdAt, tz)}`,
      ...(input.dispute
        ? [
            `Dispute: ${input.dispute.kind} for ${input.dispute.amount ?? "?"} ${input.dispute.currency ?? ""}`.trimEnd() + `, reason "${input.dispute.reason}"`,
            `Evidence due by: ${when(input.dispute.evidenceDueBy, tz)}`,
          ]
        : []),
      `Shipping address: ${addressLine(input.shippingAddress)}`,
    ],
  });

  const comparisons: AddressComparison[] = [];
  for (const [index, parcel] of outbound.entries()) {
    const pod = parcel.proofOfDelivery;
    const lines = [
      `Tracking number: ${parcel.trackingNumber} (${(parcel.carrier ?? "unknown carrier").toUpperCase()})`,
      `Fulfilled: ${when(parcel.fulfilledAt, tz)}`,
      `Status: ${parcel.status}${parcel.deliveredAt ? `, delivered ${when(parcel.deliveredAt, tz)}` : ""}`,
    ];
    if (pod) {
      lines.push("Proof of delivery:");
      if (pod.signedBy) lines.push(`  Signed by: ${pod.signedBy}`);
      if (pod.leftAt) lines.push(`  Left at: ${pod.leftAt.text}`);
      if (pod.localTime) lines.push(`  Local time of delivery: ${pod.localTime}`);
      if (pod.coordinates) lines.push(`  GPS: ${pod.coordinates.latitude}, ${pod.coordinates.longitude}`);
      if (pod.address) lines.push(`  Delivery scan address: ${[pod.address.street, pod.address.city, pod.address.province, pod.address.postalCode, pod.address.country].filter(Boolean).join(", ")}`);
      for (const url of pod.photoUrls) lines.push(`  Delivery photo: ${url}`);
      if (pod.signatureUrl) lines.push(`  Signature image: ${pod.signatureUrl}`);
      if (pod.documentUrl) lines.push(`  Carrier proof of delivery: ${pod.documentUrl}`);
      if (pod.attempts) lines.push(`  Delivery attempts: ${pod.attempts}`);
    } else {
      lines.push("Proof of delivery: the carrier stated no signer, place or image for this parcel.");
    }
    const deliveryPlace = pod?.address ?? (() => {
      const scan = [...parcel.events].reverse().find((event) => event.status === "delivered");
      return scan?.location ? { city: scan.location.city, province: scan.location.province, postalCode: scan.location.postalCode, country: scan.location.country } : undefined;
    })();
    const comparison = compareAddresses(input.shippingAddress, deliveryPlace);
    comparisons.push(comparison);
    lines.push(
      comparison.verdict === "unknown"
        ? "Shipping address vs delivery location: nothing to compare."
        : `Shipping address vs delivery location: ${comparison.verdict === "match" ? "MATCH" : "MISMATCH"} (${comparison.parts
            .map((part) => `${part.part} ${part.shipping} / ${part.delivery}${part.matches ? "" : " differs"}`)
            .join("; ")})`,
    );
    lines.push("Carrier timeline (oldest first):");
    for (const event of parcel.events) {
      const where = place(event);
      lines.push(`  ${when(event.occurredAt, tz)}  ${event.description || event.status}${where ? ` — ${where}` : ""}`);
    }
    if (parcel.events.length === 0) lines.push("  (no carrier scans)");
    sections.push({ heading: `Parcel ${index + 1} of ${outbound.length}`, lines });
  }

  const views = viewsAfterDelivery.map((lookup) => `${when(lookup.occurredAt, tz)} — ${SURFACES[lookup.surface] ?? lookup.surface}`);
  sections.push({
    heading: "Shopper's tracking views after delivery",
    lines: firstDelivery
      ? views.length > 0
        ? [`The order's tracking was viewed ${views.length} time(s) by the shopper after delivery:`, ...views]
        : ["No shopper views of the order's tracking were recorded after delivery."]
      : ["The parcel has not been delivered; no views after delivery apply."],
  });

  const summary =
    delivered.length > 0
      ? `${delivered.length} of ${outbound.length} parcel(s) of order ${input.order.name} were delivered${firstDelivery ? ` (first on ${when(firstDelivery, tz)})` : ""}${
          delivered.some((parcel) => parcel.proofOfDelivery?.signedBy) ? ", with a signature" : ""
        }.`
      : `No parcel of order ${input.order.name} is recorded as delivered yet.`;
  const title = `Delivery evidence for order ${input.order.name}`;
  const text = [title, summary, `Generated ${when(input.generatedAt, tz)} by Trackline from carrier tracking data.`, "", ...sections.flatMap((section) => [section.heading.toUpperCase(), ...section.lines, ""])]
    .join("\n")
    .trimEnd();
  return {
    title,
    summary,
    sections,
    accessActivityLog: views.length > 0 ? `Shopper views of the order's tracking after delivery:\n${views.join("\n")}` : null,
    text,
    comparisons,
    viewsAfterDelivery,
  };
}

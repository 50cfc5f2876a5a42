import type { EvidenceInput } from "./evidence-pack";
import { buildProofOfDelivery } from "./proof-of-delivery";

/** A delivered, signed UPS parcel disputed as "not received", with shopper lookups around delivery. */
export function evidenceInput(overrides: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    shopName: "Evidence Shop",
    order: { name: "#1042", createdAt: "2026-11-14T09:00:00.000Z" },
    dispute: { id: "gid://shopify/ShopifyPaymentsDispute/77", reason: "product_not_received", kind: "chargeback", amount: "89.00", currency: "USD", evidenceDueBy: "2026-12-20T00:00:00.000Z" },
    shippingAddress: { address1: "12 Peachtree St", city: "Atlanta", province: "GA", postalCode: "30303", country: "US" },
    parcels: [
      {
        trackingNumber: "1Z999AA10123456784",
        carrier: "ups",
        status: "delivered",
        fulfilledAt: "2026-11-15T12:00:00.000Z",
        deliveredAt: "2026-11-18T19:02:00.000Z",
        isReturn: false,
        events: [
          { occurredAt: "2026-11-15T20:00:00.000Z", status: "picked_up", carrierCode: "P", description: "Picked up", location: { city: "LOUISVILLE", province: "KY", country: "US" } },
          { occurredAt: "2026-11-18T13:00:00.000Z", status: "out_for_delivery", carrierCode: "O", description: "Out for delivery", location: { city: "ATLANTA", province: "GA", country: "US" } },
          { occurredAt: "2026-11-18T19:02:00.000Z", status: "delivered", carrierCode: "D", description: "Delivered", location: { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US" } },
        ],
        proofOfDelivery:
          buildProofOfDelivery({ carrier: "ups", signedBy: "MARIA LEE", location: "Front Door", localTime: "2026-11-18T14:02:00-05:00", address: { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US" } }) ?? null,
      },
    ],
    lookups: [
      { surface: "storefront", occurredAt: "2026-11-17T10:00:00.000Z" },
      { surface: "customer_account", occurredAt: "2026-11-18T22:15:00.000Z" },
      { surface: "admin", occurredAt: "2026-11-19T08:00:00.000Z" },
      { surface: "storefront", occurredAt: "2026-11-20T07:30:00.000Z" },
    ],
    generatedAt: "2026-12-01T10:00:00.000Z",
    timeZone: "America/New_York",
    ...overrides,
  };
}

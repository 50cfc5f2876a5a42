import type { StatusTable } from "~/carriers/mapping";

/**
 * DHL Shipment Tracking – Unified API `status.statusCode` values. DHL documents only these five;
 * finer detail lives in the free-text description, which we keep but never parse into a status.
 * DHL's own "unknown" is mapped explicitly (it is documented), so it is not reported as unmapped.
 */
export const DHL_STATUS_CODES = {
  "pre-transit": { status: "info_received", meaning: "Pre-transit: shipment data received, not yet handed over" },
  transit: { status: "in_transit", meaning: "In transit" },
  delivered: { status: "delivered", meaning: "Delivered" },
  failure: { status: "exception", meaning: "Failure: delivery failed or shipment has a problem" },
  unknown: { status: "unknown", meaning: "DHL does not know the current status" },
} as const satisfies StatusTable;

/** `service` values the API accepts for disambiguation (DHL Unified Tracking docs). */
export const DHL_SERVICES = [
  "express",
  "parcel-de",
  "ecommerce",
  "dgf",
  "parcel-uk",
  "post-de",
  "sameday",
  "freight",
  "parcel-nl",
  "parcel-pl",
  "dsc",
  "ecommerce-europe",
  "ecommerce-apac",
  "svb",
] as const;

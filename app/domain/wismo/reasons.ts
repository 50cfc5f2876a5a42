/**
 * The vocabulary of "where is my order?" inquiries: why a shopper asked, and where the question
 * reached the merchant. Stored as plain strings; these lists are the only valid values.
 */
export const INQUIRY_REASONS = [
  "where_is_my_order",
  "delayed",
  "delivered_not_received",
  "damaged",
  "wrong_address",
  "return_question",
  "other",
] as const;
export type InquiryReason = (typeof INQUIRY_REASONS)[number];

export const INQUIRY_SOURCES = ["tracking_page", "order_status_extension", "gorgias", "zendesk", "api"] as const;
export type InquirySource = (typeof INQUIRY_SOURCES)[number];

export function isInquiryReason(value: unknown): value is InquiryReason {
  return typeof value === "string" && (INQUIRY_REASONS as readonly string[]).includes(value);
}

export function isInquirySource(value: unknown): value is InquirySource {
  return typeof value === "string" && (INQUIRY_SOURCES as readonly string[]).includes(value);
}

/** The parcel's situation when the shopper asked, as the dashboard groups it. */
export type ParcelSituation = "on_time" | "late" | "stalled" | "delivered" | "unknown";

export function parcelSituation(state: { status: string | null; late: boolean; stalled: boolean }): ParcelSituation {
  if (state.status === null) return "unknown";
  if (state.status === "delivered") return "delivered";
  if (state.stalled) return "stalled";
  if (state.late) return "late";
  return "on_time";
}

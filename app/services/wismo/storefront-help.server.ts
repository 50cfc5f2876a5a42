import type { OrderTrackingView } from "@trackline/shared";
import type { Db } from "~/data/db.server";
import { countInquiriesSince, orderIdOfShipment, orderParcelStates } from "~/data/inquiries.server";
import { chooseInquiryParcel, type OrderParcelState } from "~/domain/wismo/inquiry-parcel";
import { isInquiryReason, type InquirySource } from "~/domain/wismo/reasons";
import { recordInquiry } from "./capture.server";

/**
 * "Still need help?" for a shopper who found their order (tracking page or order status page):
 * which parcel to answer about and what state it is in, and — when the shopper posted the form —
 * the inquiry recorded. The lookup that found the order already went through the lookup limits;
 * on top of that, one order takes at most MAX_PER_ORDER_PER_DAY shopper messages a day.
 */
export type HelpAnswer = "delivered" | "late" | "stalled" | "problem" | "on_way" | "not_shipped";

export interface HelpModel {
  /** The parcel the answer is about. */
  parcelId: string;
  answer: HelpAnswer;
  /** What happened to a posted form: recorded, refused by the cap, or nothing posted. */
  result: "sent" | "limited" | null;
}

export const MAX_PER_ORDER_PER_DAY = 3;
const SHOPPER_SOURCES: readonly InquirySource[] = ["tracking_page", "order_status_extension"];
const PROBLEM_STATUSES = new Set(["exception", "attempt_failed", "returning", "returned", "expired", "invalid", "cancelled", "available_for_pickup"]);
const NOT_SHIPPED = new Set(["pending", "info_received"]);

export function helpAnswerOf(parcel: { status: string; late: boolean; stalled: boolean }): HelpAnswer {
  if (parcel.status === "delivered") return "delivered";
  if (PROBLEM_STATUSES.has(parcel.status)) return "problem";
  if (parcel.stalled) return "stalled";
  if (parcel.late || parcel.status === "delayed") return "late";
  if (NOT_SHIPPED.has(parcel.status)) return "not_shipped";
  return "on_way";
}

export interface HelpRequest {
  shopDomain: string;
  view: OrderTrackingView;
  source: InquirySource;
  /** The posted form (null when the shopper only looked). */
  posted: { reason: string | null; message: string | null } | null;
  now: Date;
  credentialsKey: string | undefined;
  /**
   * What the lookup that found the order already read: the order of the view's first parcel, and
   * every parcel of that order (shop and order id; null when not read). Read here when absent.
   */
  known?: { orderId: string; parcels: readonly OrderParcelState[] | null };
}

export async function prepareHelp(db: Db, request: HelpRequest): Promise<HelpModel | null> {
  const first = request.view.parcels[0];
  if (!first) return null;
  const orderId = request.known ? request.known.orderId : await orderIdOfShipment(db, request.shopDomain, first.id);
  if (!orderId) return null;
  const parcels = request.known?.parcels ?? (await orderParcelStates(db, request.shopDomain, orderId));
  const shown = new Set(request.view.parcels.map((parcel) => parcel.id));
  // Only parcels the shopper was shown (a tracking-number answer shows one parcel of the order).
  let parcel = chooseInquiryParcel(parcels, null);
  if (!parcel || !shown.has(parcel.shipmentId)) parcel = chooseInquiryParcel(parcels, first.id);
  if (!parcel) return null;
  let result: HelpModel["result"] = null;
  if (request.posted && isInquiryReason(request.posted.reason)) {
    const since = new Date(request.now.getTime() - 24 * 3_600_000);
    if ((await countInquiriesSince(db, request.shopDomain, orderId, SHOPPER_SOURCES, since)) >= MAX_PER_ORDER_PER_DAY) result = "limited";
    else {
      await recordInquiry(db, {
        shopDomain: request.shopDomain,
        source: request.source,
        reason: request.posted.reason,
        orderId,
        shipmentId: parcel.shipmentId,
        externalId: null,
        message: request.posted.message,
        at: request.now,
        credentialsKey: request.credentialsKey,
      });
      result = "sent";
    }
  }
  return { parcelId: parcel.shipmentId, answer: helpAnswerOf(parcel), result };
}

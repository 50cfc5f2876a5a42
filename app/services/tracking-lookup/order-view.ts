import { summarizeParcels, type OrderTrackingView, type ParcelView } from "@trackline/shared";
import { resolveLocale } from "~/domain/locales/index";
import type { TrackedShipment } from "~/data/tracking-views.server";

/** Wraps an order's parcel views with the order-level summary ("2 of 3 parcels delivered"). */
export function orderView<Parcel extends ParcelView>(
  orderName: string,
  locale: string,
  parcels: Parcel[],
): OrderTrackingView<Parcel> {
  return { orderName, locale: resolveLocale(locale), parcels, summary: summarizeParcels(parcels.map((parcel) => parcel.status)) };
}

/** 1-based position of each shipment among its order's parcels. */
export function positionsOf(orderShipments: readonly TrackedShipment[]): Map<string, number> {
  return new Map(orderShipments.map((shipment, index) => [shipment.id, index + 1]));
}

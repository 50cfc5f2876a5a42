/** The parcel an inquiry is about, as it stood when the shopper asked. */
export interface ParcelAtInquiry {
  orderId: string;
  shipmentId: string;
  status: string;
  late: boolean;
  stalled: boolean;
  carrier: string | null;
  lane: string | null;
}

/** One parcel of an order as the choice below reads it. */
export interface OrderParcelState {
  id: string;
  orderId: string;
  status: string;
  late: boolean;
  stalled: boolean;
  carrier: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  createdAt: Date;
}

/**
 * The order's parcel a question most likely concerns: the named one, else the first parcel (by
 * when it was stored) not yet delivered, else the most recent. Null when the order has none.
 */
export function chooseInquiryParcel(parcels: readonly OrderParcelState[], shipmentId: string | null): ParcelAtInquiry | null {
  // A stable sort: parcels stored at the same instant keep the order they were given in.
  const rows = [...parcels].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const chosen =
    rows.find((row) => row.id === shipmentId) ?? rows.find((row) => row.status !== "delivered" && row.status !== "cancelled") ?? rows.at(-1);
  if (!chosen) return null;
  return {
    orderId: chosen.orderId,
    shipmentId: chosen.id,
    status: chosen.status,
    late: chosen.late,
    stalled: chosen.stalled,
    carrier: chosen.carrier,
    lane: chosen.originCountry && chosen.destinationCountry ? `${chosen.originCountry}>${chosen.destinationCountry}` : null,
  };
}

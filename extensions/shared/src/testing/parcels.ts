import type { AdminParcelView, OrderTrackingView, ParcelStatus, ParcelView } from "../tracking-view";
import { summarizeParcels } from "../summary";

/** View fixtures for extension tests: what the app answers, in English. */
export function parcelView(overrides: Partial<ParcelView> & { status: ParcelStatus }): ParcelView {
  return {
    id: `parcel-${overrides.status}`,
    trackingNumber: "1Z999AA10123456784",
    carrierName: "UPS",
    trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    statusLabel: overrides.status,
    subStatus: null,
    milestones: [
      { key: "ordered", label: "Ordered", state: "done", at: "2026-11-10T15:00:00Z", time: "Nov 10, 2026, 10:00 AM", detail: null },
      { key: "shipped", label: "Shipped", state: "current", at: "2026-11-11T20:00:00Z", time: "Nov 11, 2026, 3:00 PM", detail: null },
      { key: "delivered", label: "Delivered", state: "upcoming", at: null, time: null, detail: null },
    ],
    latestLocation: null,
    explanation: null,
    estimatedDelivery: null,
    deliveredAt: null,
    position: 1,
    parcelCount: 1,
    ...overrides,
  };
}

export function adminParcelView(overrides: Partial<AdminParcelView> & { status: ParcelStatus }): AdminParcelView {
  return {
    ...parcelView(overrides),
    flags: { stalled: false, late: false, notPickedUp: false },
    lastScan: { at: "2026-11-11T20:00:00Z", time: "Nov 11, 2026, 3:00 PM", description: "Pickup scan", location: "Atlanta, GA, US" },
    shopify: { state: "in_sync", status: "IN_TRANSIT", at: "2026-11-11T20:05:00Z", error: null },
    shopperLink: "https://shop.example/apps/track?t=v1.token",
    appPath: `/app/shipments/${overrides.id ?? `parcel-${overrides.status}`}`,
    lastCheckedAt: null,
    trackingStopped: false,
    ...overrides,
  };
}

export function orderTrackingView<Parcel extends ParcelView>(parcels: Parcel[], orderName = "#1001"): OrderTrackingView<Parcel> {
  return { orderName, locale: "en", parcels, summary: summarizeParcels(parcels.map((parcel) => parcel.status)) };
}

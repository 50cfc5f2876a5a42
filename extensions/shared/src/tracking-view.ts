/**
 * The tracking view contract between the app and its three surfaces (customer-account extension,
 * storefront tracking page, admin order block). The app builds these views — statuses, milestones
 * and dates already localized by the tracking core — and the surfaces only lay them out, so a
 * status reads the same everywhere.
 */

/** Canonical statuses, mirrored from the app's status model (a test keeps the two lists equal). */
export const PARCEL_STATUSES = [
  "pending",
  "info_received",
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "attempt_failed",
  "delayed",
  "exception",
  "returning",
  "returned",
  "delivered",
  "cancelled",
  "expired",
  "invalid",
  "unknown",
] as const;

export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

export interface MilestoneView {
  key: string;
  label: string;
  state: "done" | "current" | "upcoming";
  /** UTC instant, and the same for people in the viewer's language and time zone. */
  at: string | null;
  time: string | null;
  detail: string | null;
}

export interface ParcelView {
  id: string;
  trackingNumber: string;
  /** The carrier's display name (what the merchant declared, else our carrier code). */
  carrierName: string | null;
  /** The carrier's own tracking page, when we know it. */
  trackingUrl: string | null;
  status: ParcelStatus;
  statusLabel: string;
  subStatus: string | null;
  milestones: MilestoneView[];
  latestLocation: { label: string; at: string; time: string } | null;
  explanation: string | null;
  /** "Expected Tue, Nov 24" or a window "Expected Nov 24 – 26". */
  /** `late`: past the window the shopper was shown (the label then gives the new estimate, or says there is none). */
  estimatedDelivery: { label: string; start: string; end: string | null; late?: boolean } | null;
  deliveredAt: string | null;
  /** 1-based position among the order's parcels, and how many the order has. */
  position: number;
  parcelCount: number;
  /** "Left at front door, signed by M. LEE": the hand-over as the shopper may see it. */
  deliveryNote?: string | null;
  /** Present on a shopper's return parcel (travelling back to the merchant). */
  kind?: "return";
}

/** Proof of delivery for support agents (full detail; never sent to shopper surfaces). */
export interface ProofOfDeliveryView {
  signedBy: string | null;
  leftAt: string | null;
  /** The delivery scan's time in the delivery location's zone, as the carrier wrote it. */
  localTime: string | null;
  address: string | null;
  coordinates: { latitude: number; longitude: number } | null;
  photoUrls: string[];
  signatureUrl: string | null;
  documentUrl: string | null;
  imageOnFile: boolean;
}

/** How far Shopify's own order status is from ours (admin only). */
export type ShopifySyncState = "in_sync" | "pending" | "failed" | "skipped" | "never";

export interface AdminParcelView extends ParcelView {
  flags: { stalled: boolean; late: boolean; notPickedUp: boolean };
  lastScan: { at: string; time: string; description: string; location: string | null } | null;
  shopify: { state: ShopifySyncState; status: string | null; at: string | null; error: string | null };
  /** Signed link the shopper can open on the storefront tracking page. */
  shopperLink: string;
  /** Where the shipment opens inside the embedded app. */
  appPath: string;
  lastCheckedAt: string | null;
  trackingStopped: boolean;
  proofOfDelivery?: ProofOfDeliveryView | null;
}

export interface OrderTrackingView<Parcel extends ParcelView = ParcelView> {
  orderName: string;
  locale: string;
  parcels: Parcel[];
  summary: ParcelSummary;
  /** The merchant's contact (mailto: or https:), offered under a late parcel's estimate; absent when none is set. */
  supportHref?: string | null;
}

export interface ParcelSummary {
  total: number;
  delivered: number;
  /** Parcels that need the shopper's (or support's) attention. */
  needsAttention: number;
  /** The furthest-behind parcel's status: what the order as a whole waits on. */
  slowestStatus: ParcelStatus | null;
}

/** Error bodies the app's JSON endpoints answer with. */
export interface TrackingErrorBody {
  error: "unauthorized" | "login_required" | "not_found" | "bad_request" | "rate_limited" | "unavailable";
  message: string;
}

export { callApp, type AppRequest, type AppResult } from "./app-client";
export { needsAttention, statusTone, type StatusTone } from "./status-tone";
export { summarizeParcels } from "./summary";
export {
  PARCEL_STATUSES,
  type AdminParcelView,
  type MilestoneView,
  type OrderTrackingView,
  type ParcelStatus,
  type ParcelSummary,
  type ParcelView,
  type ProofOfDeliveryView,
  type ShopifySyncState,
  type TrackingErrorBody,
} from "./tracking-view";
export { appUrl } from "./app-url";

import type { AdminParcelView } from "@trackline/shared";

/** A message Trackline sent the shopper about a parcel, labelled by the app in the admin's language. */
export interface ParcelMessage {
  moment: string;
  momentLabel: string;
  channel: string;
  channelLabel: string;
  state: string;
  stateLabel: string;
  at: string;
  time: string;
}

/**
 * A parcel as the order block receives it: the shared admin view plus the shopper messages and,
 * when the order is disputed, the app path of the evidence PDF. A resynced parcel comes without
 * them (the block keeps what it had).
 */
export interface BlockParcel extends AdminParcelView {
  messages?: ParcelMessage[];
  evidencePath?: string | null;
}

import type { StatusTable } from "~/carriers/mapping";

/** Fake Post event codes: a made-up carrier that only exists to prove a folder plugs in alone. */
export const FAKE_POST_CODES = {
  LBL: { status: "info_received", meaning: "Label created" },
  ACC: { status: "picked_up", meaning: "Accepted at the counter" },
  HUB: { status: "in_transit", meaning: "At a hub" },
  VAN: { status: "out_for_delivery", meaning: "On the delivery van" },
  TRY: { status: "attempt_failed", meaning: "Delivery attempted" },
  DLV: { status: "delivered", meaning: "Delivered" },
} as const satisfies StatusTable;

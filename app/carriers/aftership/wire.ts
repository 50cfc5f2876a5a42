import { z } from "zod";
import { list, num, obj, text } from "~/carriers/wire-kit";

/**
 * AfterShip Tracking API (version 2025-01, `https://api.aftership.com/tracking/2025-01`).
 * Every answer is an envelope `{ meta: { code, message, type }, data }`: `GET /trackings?
 * tracking_numbers=a,b` answers `data.trackings[]`, `POST /trackings` answers the created tracking
 * as `data`. Webhooks post `{ event, event_id, is_tracking_first_tag, msg: <tracking>, ts }`.
 */
export const AfterShipCheckpoint = z.looseObject({
  /** Carrier's local time with offset when known, e.g. "2026-11-18T09:12:00+08:00". */
  checkpoint_time: text,
  created_at: text,
  /** The carrier that reported this checkpoint: differs from the tracking's slug after a hand-over. */
  slug: text,
  message: text,
  tag: text,
  subtag: text,
  subtag_message: text,
  raw_tag: text,
  location: text,
  city: text,
  state: text,
  zip: text,
  /** ISO 3166-1 alpha-3 in AfterShip's answers. */
  country_region: text,
  country_iso3: text,
});
export type AfterShipCheckpoint = z.infer<typeof AfterShipCheckpoint>;

export const AfterShipLastMile = z.looseObject({
  tracking_number: text,
  slug: text,
  transit_time: num,
  courier_tracking_link: text,
  courier_redirect_link: text,
  source: text,
});

export const AfterShipTracking = z.looseObject({
  id: text,
  tracking_number: z.string(),
  slug: text,
  tag: text,
  subtag: text,
  subtag_message: text,
  signed_by: text,
  shipment_delivery_date: text,
  courier_estimated_delivery_date: obj(
    z.looseObject({ estimated_delivery_date: text, estimated_delivery_date_min: text, estimated_delivery_date_max: text }),
  ),
  checkpoints: list(AfterShipCheckpoint),
  last_mile: obj(AfterShipLastMile),
});
export type AfterShipTracking = z.infer<typeof AfterShipTracking>;

export const AfterShipMeta = z.looseObject({ code: z.number(), message: text, type: text });

/** Any AfterShip answer: a list of trackings, one tracking, or nothing (errors). */
export const AfterShipResponse = z.looseObject({
  meta: AfterShipMeta,
  data: obj(z.looseObject({ trackings: list(z.unknown()), tracking_number: text })),
});

export const AfterShipWebhook = z.looseObject({
  event: z.string(),
  event_id: text,
  ts: num,
  msg: z.unknown(),
});

import { z } from "zod";
import { list, num, obj, text } from "~/carriers/wire-kit";

/**
 * 17TRACK API v2.2: `POST /track/v2.2/register` and `/gettrackinfo` responses and the push
 * (webhook) payload. Envelope: `{ code: 0, data: { accepted: [...], rejected: [...] } }`; a
 * non-zero `code` carries `data.errors` for the whole request.
 */
const Address = z.looseObject({
  country: text,
  state: text,
  city: text,
  street: text,
  postal_code: text,
  /** Strings or numbers, as the upstream carrier sent them. */
  coordinates: obj(z.looseObject({ longitude: z.union([z.string(), z.number()]).nullish(), latitude: z.union([z.string(), z.number()]).nullish() })),
});

export const SeventeenTrackEvent = z.looseObject({
  /** Local time with offset, e.g. "2026-11-18T09:12:00+08:00". */
  time_iso: text,
  /** UTC, e.g. "2026-11-18T01:12:00Z". */
  time_utc: text,
  time_raw: obj(z.looseObject({ date: text, time: text, timezone: text })),
  description: text,
  location: text,
  stage: text,
  sub_status: text,
  address: obj(Address),
});
export type SeventeenTrackEvent = z.infer<typeof SeventeenTrackEvent>;

export const SeventeenTrackInfo = z.looseObject({
  latest_status: obj(z.looseObject({ status: text, sub_status: text, sub_status_descr: text })),
  latest_event: obj(SeventeenTrackEvent),
  time_metrics: obj(
    z.looseObject({
      days_after_order: num,
      days_of_transit: num,
      estimated_delivery_date: obj(z.looseObject({ source: text, from: text, to: text })),
    }),
  ),
  tracking: obj(
    z.looseObject({
      providers: list(
        z.looseObject({
          provider: obj(z.looseObject({ key: num, name: text, country: text })),
          events: list(SeventeenTrackEvent),
        }),
      ),
    }),
  ),
});
export type SeventeenTrackInfo = z.infer<typeof SeventeenTrackInfo>;

export const SeventeenTrackAccepted = z.looseObject({
  number: z.string(),
  carrier: num,
  tag: text,
  track_info: obj(SeventeenTrackInfo),
});
export type SeventeenTrackAccepted = z.infer<typeof SeventeenTrackAccepted>;

const Rejected = z.looseObject({ number: text, error: obj(z.looseObject({ code: num, message: text })) });

export const SeventeenTrackResponse = z.looseObject({
  code: z.number(),
  data: z.looseObject({
    accepted: list(z.unknown()),
    rejected: list(Rejected),
    errors: list(z.looseObject({ code: num, message: text })),
  }),
});

export const SeventeenTrackRegisterAccepted = z.looseObject({ number: z.string(), carrier: num, origin: num });

/** Push payload: TRACKING_UPDATED carries a full accepted item; TRACKING_STOPPED only the number. */
export const SeventeenTrackPush = z.looseObject({
  event: z.string(),
  data: z.looseObject({ number: z.string(), carrier: num, tag: text, track_info: obj(SeventeenTrackInfo) }),
});

/** Request item for register / gettrackinfo. */
export interface SeventeenTrackNumber {
  number: string;
  carrier?: number;
}

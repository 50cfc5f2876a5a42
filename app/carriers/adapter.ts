import type { CarrierHandover } from "~/domain/handover";
import type { CanonicalEvent, CanonicalStatus, SubStatus } from "~/domain/status";

/**
 * The contract every carrier plug-in implements (after karrio's "mapper/proxy" split and Medusa's
 * fulfillment providers): the sync engine hands a batch of numbers to `track` and gets one result
 * per number back, never an exception for carrier trouble — only typed, per-number outcomes it can
 * schedule retries from.
 */
export type { CarrierCode } from "./registry";

export interface TrackRequest {
  trackingNumber: string;
  /**
   * Carrier-specific disambiguation: DHL `service` (express, parcel-de, ecommerce…) or the 17TRACK
   * numeric carrier key for long-tail carriers. Ignored by carriers that don't need it.
   */
  carrierHint?: string;
  /** Some carriers (DHL parcel-de) return more detail when the recipient postcode is given. */
  destinationPostalCode?: string;
}

/** The carrier's own promise of when the parcel arrives. */
export interface CarrierEta {
  /** ISO-8601. UTC ("…Z") when the carrier gave an offset; otherwise the destination's wall clock without offset. */
  start: string;
  end: string;
  /** True when start/end are local wall-clock times (the carrier sent no offset). */
  local: boolean;
  /** Which carrier field it came from (e.g. "estimatedDeliveryTimeWindow"), for support. */
  source: string;
}

export interface DeliveryDetails {
  signedBy?: string;
  proofOfDeliveryUrl?: string;
  signatureUrl?: string;
  /** The carrier holds a signature/photo image we could fetch separately. */
  signatureAvailable?: boolean;
  /** Where it was left ("Front Door", "Parcel locker"…), verbatim. */
  deliveryLocation?: string;
  /** UTC ISO of the delivery when the carrier states it separately from the scans. */
  deliveredAt?: string;
  /** Delivery photo references as sent (only http(s) ones are kept by the proof of delivery). */
  photoUrls?: string[];
  /** GPS of the hand-over, when the carrier records it. */
  latitude?: number | string;
  longitude?: number | string;
  /** Address parts of the delivery scan (when the carrier sends more than the scan location). */
  address?: { street?: string; city?: string; province?: string; postalCode?: string; country?: string };
  /** Delivery attempts the carrier counted. */
  attempts?: number | string;
}

/** The carrier's own summary status (UPS currentStatus, FedEx latestStatusDetail…), mapped. */
export interface CarrierLatestStatus {
  status: CanonicalStatus;
  subStatus?: SubStatus;
  carrierCode: string;
  description: string;
}

/** What a parser learned about one tracking number that the carrier knows. */
export interface FoundTracking {
  trackingNumber: string;
  /** Oldest first, times in UTC. */
  events: CanonicalEvent[];
  latest?: CarrierLatestStatus;
  carrierEta?: CarrierEta;
  delivery?: DeliveryDetails;
  /** Piece numbers when one number covers several packages (UPS/FedEx multi-piece). */
  pieces?: string[];
  /** An aggregator's report that a last-mile carrier took the parcel over under a new number. */
  handover?: CarrierHandover;
  /** Carrier codes we have no mapping for; their events carry status "unknown". Deduplicated. */
  unmappedCodes: string[];
  /** Things we had to skip or assume (unparseable timestamps…), for support. */
  warnings: string[];
}

/** Per-number outcome of a parser: the carrier either knows the number, doesn't, or errored for it. */
export type ParsedTracking = (
  | ({ kind: "found" } & FoundTracking)
  | { kind: "not_found"; trackingNumber: string; message: string }
  /**
   * The carrier's definitive answer that the number is invalid or does not exist (UPS TV1002,
   * FedEx TRACKING.TRACKINGNUMBER.INVALID, 17TRACK NotFound_InvalidCode), as opposed to "nothing
   * yet". `code` is prefixed with the carrier ("ups:TV1002").
   */
  | { kind: "invalid"; trackingNumber: string; code: string; message: string }
  | { kind: "error"; trackingNumber: string; code: string; message: string; retryable: boolean }
) & {
  /** The part of the payload about this number (batch responses); the adapter falls back to the whole body. */
  raw?: unknown;
};

/** A parser never throws: it returns items, or says the payload was not the shape it knows. */
export type ParseResult =
  | { ok: true; items: ParsedTracking[] }
  | { ok: false; error: { kind: "unexpected_shape"; message: string } };

/** Per-number result of `CarrierAdapter.track`. */
export type TrackResult =
  | ({ status: "found"; raw: unknown } & FoundTracking)
  | { status: "not_found"; trackingNumber: string; message: string; raw?: unknown }
  | { status: "invalid"; trackingNumber: string; code: string; message: string; raw?: unknown }
  | {
      status: "error";
      trackingNumber: string;
      /** Stable-ish machine code: our error kind ("rate_limited", "timeout"…) or the carrier's code. */
      code: string;
      message: string;
      retryable: boolean;
      retryAfterMs?: number;
      raw?: unknown;
    };

export interface CarrierAdapter {
  /** The registered carrier's code. */
  readonly code: string;
  /** Most numbers one `track` call sends in a single carrier request (the adapter batches above it). */
  readonly maxBatchSize: number;
  /** One result per requested number, in request order. Rejects only if `signal` aborts. */
  track(requests: readonly TrackRequest[], signal?: AbortSignal): Promise<TrackResult[]>;
}

/** Dependencies every adapter takes; nothing is read from the environment. */
export interface AdapterOptions<Credentials> {
  credentials: Credentials;
  /** Defaults to the carrier's production host; tests point it at the simulator. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Milliseconds since epoch; injected so token expiry is testable. */
  clock?: () => number;
  /** Per-request deadline (default 15 s). */
  timeoutMs?: number;
}

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

import { z } from "zod";
import { bool, list, text } from "~/carriers/wire-kit";

/**
 * USPS Tracking API v3 (`GET /tracking/v3/tracking/{trackingNumber}?expand=DETAIL`) response, per
 * the USPS tracking OpenAPI document. Booleans arrive as "true"/"false" strings in practice, so
 * they go through `bool`.
 */
export const UspsTrackingEvent = z.looseObject({
  eventType: text,
  eventCode: text,
  /** Local wall-clock time at the scan, without offset: "2026-11-18T09:12:00". */
  eventTimestamp: text,
  /** The same instant in UTC: "2026-11-18T14:12:00Z". */
  GMTTimestamp: text,
  /** Offset of eventTimestamp, e.g. "-5:00". */
  GMTOffset: text,
  eventCity: text,
  eventState: text,
  eventZIP: text,
  eventZIPCode: text,
  eventCountry: text,
  firm: text,
  name: text,
  authorizedAgent: bool,
  actionCode: text,
  reasonCode: text,
});
export type UspsTrackingEvent = z.infer<typeof UspsTrackingEvent>;

export const UspsTrackingResponse = z.looseObject({
  trackingNumber: text,
  mailClass: text,
  status: text,
  statusCategory: text,
  statusSummary: text,
  destinationCity: text,
  destinationState: text,
  destinationZIP: text,
  expectedDeliveryTimeStamp: text,
  expectedDeliveryType: text,
  guaranteedDeliveryTimeStamp: text,
  predictedDeliveryDate: text,
  predictedDeliveryTimeStamp: text,
  predictedDeliveryWindowStartTime: text,
  predictedDeliveryWindowEndTime: text,
  proofOfDeliveryEnabled: bool,
  trackingProofOfDeliveryEnabled: bool,
  onTime: bool,
  trackingEvents: list(UspsTrackingEvent),
});
export type UspsTrackingResponse = z.infer<typeof UspsTrackingResponse>;

/** Error body of the USPS APIs. */
export const UspsErrorResponse = z.looseObject({
  apiVersion: text,
  error: z.looseObject({
    code: text,
    message: text,
    errors: list(z.looseObject({ status: text, code: text, title: text, detail: text })),
  }),
});
export type UspsErrorResponse = z.infer<typeof UspsErrorResponse>;

/** `POST /oauth2/v3/token` (RFC 6749 client credentials). */
export const UspsTokenResponse = z.looseObject({
  access_token: z.string(),
  token_type: text,
  expires_in: z.union([z.number(), z.string()]),
  scope: text,
  status: text,
});

/** OAuth error body (RFC 6749 §5.2). */
export const OAuthErrorResponse = z.looseObject({ error: z.string(), error_description: text });

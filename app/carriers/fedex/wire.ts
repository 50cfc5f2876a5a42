import { z } from "zod";
import { list, obj, text } from "~/carriers/wire-kit";

/**
 * FedEx Track API v1 (`POST /track/v1/trackingnumbers`) response, per the FedEx Track API
 * OpenAPI document. Only fields we read are declared; loose objects keep the rest for `raw`.
 */
export const FedexAddress = z.looseObject({
  city: text,
  stateOrProvinceCode: text,
  postalCode: text,
  countryCode: text,
  countryName: text,
});

export const FedexScanEvent = z.looseObject({
  /** ISO-8601 with the local offset, e.g. "2026-11-18T09:12:00-05:00". */
  date: text,
  eventType: text,
  eventDescription: text,
  exceptionCode: text,
  exceptionDescription: text,
  scanLocation: obj(FedexAddress),
  derivedStatusCode: text,
  derivedStatus: text,
  locationType: text,
});
export type FedexScanEvent = z.infer<typeof FedexScanEvent>;

const TimeWindow = z.looseObject({
  type: text,
  description: text,
  window: obj(z.looseObject({ begins: text, ends: text })),
});

export const FedexTrackResult = z.looseObject({
  trackingNumberInfo: obj(z.looseObject({ trackingNumber: text, trackingNumberUniqueId: text, carrierCode: text })),
  latestStatusDetail: obj(
    z.looseObject({
      code: text,
      derivedCode: text,
      statusByLocale: text,
      description: text,
      scanLocation: obj(FedexAddress),
      delayDetail: obj(z.looseObject({ type: text, subType: text, status: text })),
    }),
  ),
  dateAndTimes: list(z.looseObject({ type: text, dateTime: text })),
  scanEvents: list(FedexScanEvent),
  estimatedDeliveryTimeWindow: obj(TimeWindow),
  standardTransitTimeWindow: obj(TimeWindow),
  deliveryDetails: obj(
    z.looseObject({
      receivedByName: text,
      signedByName: text,
      locationDescription: text,
      locationType: text,
      deliveryAttempts: text,
      actualDeliveryAddress: obj(z.looseObject({ streetLines: list(z.string()), city: text, stateOrProvinceCode: text, postalCode: text, countryCode: text })),
    }),
  ),
  availableImages: list(z.looseObject({ type: text, size: text })),
  error: obj(z.looseObject({ code: text, message: text })),
});
export type FedexTrackResult = z.infer<typeof FedexTrackResult>;

export const FedexTrackResponse = z.looseObject({
  transactionId: text,
  output: z.looseObject({
    completeTrackResults: list(z.looseObject({ trackingNumber: text, trackResults: list(FedexTrackResult) })),
  }),
});

/** Error body shared by all FedEx APIs, including OAuth. */
export const FedexErrorResponse = z.looseObject({
  transactionId: text,
  errors: z.array(z.looseObject({ code: text, message: text })).min(1),
});

export const FedexTokenResponse = z.looseObject({
  access_token: z.string(),
  token_type: text,
  expires_in: z.union([z.number(), z.string()]),
  scope: text,
});

/** Request body of the track call. */
export interface FedexTrackRequest {
  includeDetailedScans: boolean;
  trackingInfo: { trackingNumberInfo: { trackingNumber: string } }[];
}

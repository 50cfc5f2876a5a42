import { z } from "zod";
import { list, obj, text } from "~/carriers/wire-kit";

/**
 * UPS Track API v1 (`GET /api/track/v1/details/{inquiryNumber}`) response, as documented in the UPS
 * Tracking OpenAPI spec. Only fields we read are declared; `looseObject` keeps the rest so the raw
 * activity stays complete for support.
 */
export const UpsAddress = z.looseObject({
  addressLine1: text,
  city: text,
  stateProvince: text,
  postalCode: text,
  country: text,
  countryCode: text,
});

export const UpsStatus = z.looseObject({
  type: text,
  description: text,
  code: text,
  statusCode: text,
  simplifiedTextDescription: text,
});

export const UpsActivity = z.looseObject({
  location: obj(z.looseObject({ address: obj(UpsAddress), slic: text })),
  status: obj(UpsStatus),
  /** Local date YYYYMMDD. */
  date: text,
  /** Local time HHMMSS. */
  time: text,
  /** UTC date YYYYMMDD. */
  gmtDate: text,
  /** UTC time HH:MM:SS. */
  gmtTime: text,
  /** Offset of the local time, e.g. "-05:00". */
  gmtOffset: text,
});
export type UpsActivity = z.infer<typeof UpsActivity>;

export const UpsPackage = z.looseObject({
  trackingNumber: text,
  activity: list(UpsActivity),
  currentStatus: obj(UpsStatus),
  deliveryDate: list(z.looseObject({ type: text, date: text })),
  deliveryTime: obj(z.looseObject({ type: text, startTime: text, endTime: text })),
  deliveryInformation: obj(
    z.looseObject({
      location: text,
      receivedBy: text,
      signature: obj(z.looseObject({ image: text })),
      pod: obj(z.looseObject({ content: text })),
      /** Photo taken at delivery: base64 image content in `photo` (never a URL). */
      deliveryPhoto: obj(z.looseObject({ photo: text, photoCaptureInd: text, photoDispositionCode: text })),
    }),
  ),
  packageCount: text,
});
export type UpsPackage = z.infer<typeof UpsPackage>;

export const UpsShipment = z.looseObject({
  inquiryNumber: text,
  package: list(UpsPackage),
  warnings: list(z.looseObject({ code: text, message: text })),
});

export const UpsTrackResponse = z.looseObject({
  trackResponse: z.looseObject({ shipment: list(UpsShipment) }),
});
export type UpsTrackResponse = z.infer<typeof UpsTrackResponse>;

/** Error body used by every UPS API (and the OAuth endpoint). */
export const UpsErrorResponse = z.looseObject({
  response: z.looseObject({ errors: list(z.looseObject({ code: text, message: text })) }),
});
export type UpsErrorResponse = z.infer<typeof UpsErrorResponse>;

/** `POST /security/v1/oauth/token`. UPS sends `expires_in` as a string of seconds. */
export const UpsTokenResponse = z.looseObject({
  access_token: z.string(),
  token_type: text,
  expires_in: z.union([z.string(), z.number()]),
  issued_at: text,
  status: text,
});

/** Error codes UPS documents for tracking lookups that mean "no information for this number yet". */
export const UPS_NOT_FOUND_CODES = ["151044", "TW0001"] as const;

/**
 * Error codes where UPS says the inquiry number itself is invalid: TV1002 "Invalid inquiry number"
 * (Track API v1) and 151018 "Invalid tracking number" (the same check in UPS's older error table).
 */
export const UPS_INVALID_CODES = ["TV1002", "151018"] as const;

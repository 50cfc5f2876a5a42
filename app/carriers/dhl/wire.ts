import { z } from "zod";
import { list, obj, text, num } from "~/carriers/wire-kit";

/**
 * DHL Shipment Tracking – Unified API (`GET /track/shipments`) response. Schema.org-flavoured
 * JSON: places are `{ address: { addressLocality, countryCode, postalCode } }`.
 */
const Place = z.looseObject({
  address: obj(z.looseObject({ addressLocality: text, countryCode: text, postalCode: text, streetAddress: text })),
});

export const DhlEvent = z.looseObject({
  /** ISO-8601, usually with offset ("2026-11-18T09:12:00+01:00"); Express sometimes omits it. */
  timestamp: text,
  location: obj(Place),
  statusCode: text,
  status: text,
  description: text,
  remark: text,
  nextSteps: text,
});
export type DhlEvent = z.infer<typeof DhlEvent>;

const Person = z.looseObject({ name: text, familyName: text, givenName: text, organizationName: text });

export const DhlShipment = z.looseObject({
  id: text,
  service: text,
  origin: obj(Place),
  destination: obj(Place),
  status: obj(DhlEvent),
  estimatedTimeOfDelivery: text,
  estimatedDeliveryTimeFrame: obj(z.looseObject({ estimatedFrom: text, estimatedThrough: text })),
  details: obj(
    z.looseObject({
      proofOfDelivery: obj(
        z.looseObject({ timestamp: text, signatureUrl: text, documentUrl: text, signed: obj(Person) }),
      ),
      proofOfDeliverySignedAvailable: z.unknown().optional(),
      totalNumberOfPieces: num,
      pieceIds: list(z.string()),
    }),
  ),
  events: list(DhlEvent),
});
export type DhlShipment = z.infer<typeof DhlShipment>;

export const DhlTrackResponse = z.looseObject({ shipments: z.array(DhlShipment) });

/** RFC 7807 problem+json, used for 401/404/429. */
export const DhlProblem = z.looseObject({ title: text, status: num, detail: text, instance: text });

import { buildProofOfDelivery, type ProofOfDelivery } from "~/domain/proof-of-delivery";
import type { FoundTracking } from "./adapter";

/**
 * Every carrier's delivery details and delivered scan → the canonical proof of delivery. Pure.
 * A carrier that sends only part of it (a signer but no place, a scan but no signer) yields the
 * part it sent; undefined when it said nothing about a hand-over.
 */
export function proofOfDeliveryFrom(carrier: string, found: Pick<FoundTracking, "events" | "delivery">): ProofOfDelivery | undefined {
  const delivered = [...found.events].reverse().find((event) => event.status === "delivered");
  const details = found.delivery;
  if (!delivered && !details) return undefined;
  const scanPlace = delivered?.location;
  return buildProofOfDelivery({
    carrier,
    deliveredAt: details?.deliveredAt ?? delivered?.occurredAt,
    localTime: delivered?.localTime,
    signedBy: details?.signedBy,
    location: details?.deliveryLocation,
    latitude: details?.latitude,
    longitude: details?.longitude,
    photoUrls: details?.photoUrls,
    signatureUrl: details?.signatureUrl,
    documentUrl: details?.proofOfDeliveryUrl,
    imageOnFile: details?.signatureAvailable,
    address: details?.address ?? (scanPlace ? { city: scanPlace.city, province: scanPlace.province, postalCode: scanPlace.postalCode, country: scanPlace.country } : undefined),
    attempts: details?.attempts,
  });
}

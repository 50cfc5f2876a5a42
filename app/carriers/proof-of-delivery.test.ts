import { describe, expect, it } from "vitest";
import { asFound, only } from "~/testing/parse-results";
import dhlDelivered from "./dhl/__fixtures__/delivered.json";
import { parseDhlResponse } from "./dhl/parse";
import fedexDelivered from "./fedex/__fixtures__/delivered.json";
import { parseFedexResponse } from "./fedex/parse";
import { proofOfDeliveryFrom } from "./proof-of-delivery";
import seventeenDelivered from "./seventeen_track/__fixtures__/delivered.json";
import { parseSeventeenTrackResponse } from "./seventeen_track/parse";
import upsDelivered from "./ups/__fixtures__/delivered.json";
import upsInTransit from "./ups/__fixtures__/in-transit.json";
import { parseUpsResponse } from "./ups/parse";
import uspsDelivered from "./usps/__fixtures__/delivered.json";
import { parseUspsResponse } from "./usps/parse";

const clone = <T>(value: T): T => structuredClone(value);

describe("proof of delivery from each carrier's real-shaped answer", () => {
  it("UPS: receiver, where left, the delivery scan's address and local time; base64 photos are not links", () => {
    const body = clone(upsDelivered) as { trackResponse: { shipment: { package: { deliveryInformation: Record<string, unknown> }[] }[] } };
    body.trackResponse.shipment[0]!.package[0]!.deliveryInformation.deliveryPhoto = { photo: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", photoCaptureInd: "Y" };
    const found = asFound(only(parseUpsResponse(body)));
    const pod = proofOfDeliveryFrom("ups", found);
    expect(pod).toMatchObject({
      carrier: "ups",
      signedBy: "A KUMAR",
      leftAt: { place: "front_door", text: "Front Door" },
      photoUrls: [],
      imageOnFile: true,
    });
    expect(pod?.localTime).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(pod?.address?.country).toBe("US");
    expect(pod?.deliveredAt).toBe(found.events.filter((e) => e.status === "delivered").at(-1)?.occurredAt);
  });

  it("UPS: a parcel still in transit has no proof", () => {
    expect(proofOfDeliveryFrom("ups", asFound(only(parseUpsResponse(upsInTransit))))).toBeUndefined();
  });

  it("FedEx: signer, front desk → reception, attempts, the actual delivery address, signature image on file", () => {
    const body = clone(fedexDelivered) as { output: { completeTrackResults: { trackResults: { deliveryDetails: Record<string, unknown> }[] }[] } };
    Object.assign(body.output.completeTrackResults[0]!.trackResults[0]!.deliveryDetails, {
      deliveryAttempts: "2",
      actualDeliveryAddress: { streetLines: [""], city: "Memphis", stateOrProvinceCode: "TN", postalCode: "38116", countryCode: "US" },
    });
    const pod = proofOfDeliveryFrom("fedex", asFound(only(parseFedexResponse(body))));
    expect(pod).toMatchObject({
      carrier: "fedex",
      signedBy: "L MÜLLER",
      leftAt: { place: "reception", text: "Front desk" },
      attempts: 2,
      address: { city: "Memphis", province: "TN", postalCode: "38116", country: "US" },
      imageOnFile: true,
      photoUrls: [],
    });
  });

  it("USPS: name, 'Front Door/Porch' and the delivery scan's city, state and ZIP", () => {
    const pod = proofOfDeliveryFrom("usps", asFound(only(parseUspsResponse(uspsDelivered))));
    expect(pod).toMatchObject({
      signedBy: "J SMITH",
      leftAt: { place: "front_door", text: "Front Door/Porch" },
      deliveredAt: "2026-11-18T16:56:19.692Z",
      address: { city: "ATLANTA", province: "GA", postalCode: "30303" },
    });
    expect(pod?.coordinates).toBeUndefined();
  });

  it("DHL: signer and http(s) signature/document links; a non-http link is dropped", () => {
    const pod = proofOfDeliveryFrom("dhl", asFound(only(parseDhlResponse(dhlDelivered))));
    expect(pod).toMatchObject({
      signedBy: "A KUMAR",
      signatureUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100186/signature",
      documentUrl: "https://www.dhl.de/int-verfolgen/pod/00340434292135100186",
    });
    const tampered = clone(dhlDelivered) as { shipments: { details: { proofOfDelivery: Record<string, unknown> } }[] };
    tampered.shipments[0]!.details.proofOfDelivery.signatureUrl = "javascript:alert(1)";
    tampered.shipments[0]!.details.proofOfDelivery.documentUrl = "ftp://dhl.example/pod.pdf";
    const dropped = proofOfDeliveryFrom("dhl", asFound(only(parseDhlResponse(tampered))));
    expect(dropped?.signatureUrl).toBeUndefined();
    expect(dropped?.documentUrl).toBeUndefined();
    expect(dropped?.signedBy).toBe("A KUMAR");
  });

  it("17TRACK: partial proof — the delivered scan's address and GPS, no signer", () => {
    const body = clone(seventeenDelivered) as {
      data: { accepted: { track_info: { tracking: { providers: { events: { address: Record<string, unknown> }[] }[] } } }[] };
    };
    body.data.accepted[0]!.track_info.tracking.providers[0]!.events[0]!.address.coordinates = { latitude: "39.7392", longitude: "-104.9903" };
    const pod = proofOfDeliveryFrom("seventeen_track", asFound(only(parseSeventeenTrackResponse(body))));
    expect(pod).toEqual({
      carrier: "seventeen_track",
      deliveredAt: "2026-11-18T22:06:20.540Z",
      localTime: "2026-11-18T15:06:20-07:00",
      coordinates: { latitude: 39.7392, longitude: -104.9903 },
      address: { city: "DENVER", province: "CO", postalCode: "80202", country: "US" },
      photoUrls: [],
    });
  });
});

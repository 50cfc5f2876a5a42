import { describe, expect, it } from "vitest";
import {
  buildProofOfDelivery,
  classifyPlace,
  compareAddresses,
  httpUrl,
  parseStoredPod,
  redactPod,
  shopperDeliveryNote,
  shopperSignerName,
} from "./proof-of-delivery";

describe("proof of delivery", () => {
  it("classifies where the parcel was left from carrier wording", () => {
    expect(
      ["Front Door", "FRONT DESK", "Mailroom", "Left with neighbour", "Packstation 105", "UPS Access Point", "In/At Mailbox", "Back door", "Garage", "Side of house"].map(
        classifyPlace,
      ),
    ).toEqual(["front_door", "reception", "mailroom", "neighbour", "locker", "pickup_point", "mailbox", "back_door", "garage", "other"]);
  });

  it("keeps only http(s) references", () => {
    expect(httpUrl("https://x.example/p.jpg")).toBe("https://x.example/p.jpg");
    expect(httpUrl("data:image/png;base64,AAAA")).toBeUndefined();
    expect(httpUrl("javascript:alert(1)")).toBeUndefined();
    expect(httpUrl("/var/pod.png")).toBeUndefined();
    const pod = buildProofOfDelivery({
      carrier: "dhl",
      photoUrls: ["https://a.example/1.jpg", "R0lGODlh", "https://a.example/1.jpg", "file:///etc/passwd"],
      signatureUrl: "data:image/gif;base64,R0lGODlh",
      imageOnFile: true,
    });
    expect(pod).toEqual({ carrier: "dhl", photoUrls: ["https://a.example/1.jpg"] });
  });

  it("shows the shopper initial and surname only, never address or GPS", () => {
    expect(shopperSignerName("MARIA LEE")).toBe("M. LEE");
    expect(shopperSignerName("maria de la cruz")).toBe("M. cruz");
    expect(shopperSignerName("JOHNSON")).toBe("JOHNSON");
    const pod = buildProofOfDelivery({
      carrier: "ups",
      signedBy: "MARIA LEE",
      location: "Front Door",
      latitude: 40.1,
      longitude: -73.2,
      address: { street: "1 Main St", city: "NYC" },
    });
    expect(shopperDeliveryNote(pod)).toBe("Left at front door, signed by M. LEE");
    expect(shopperDeliveryNote(buildProofOfDelivery({ carrier: "usps", signedBy: "J SMITH" }))).toBe("Signed by J. SMITH");
    expect(shopperDeliveryNote(buildProofOfDelivery({ carrier: "usps", location: "Side of house" }))).toBeNull();
  });

  it("partial proofs keep what exists; nothing at all is no proof", () => {
    expect(buildProofOfDelivery({ carrier: "fedex", deliveredAt: "2026-11-18T10:00:00.000Z" })).toBeUndefined();
    expect(buildProofOfDelivery({ carrier: "fedex", latitude: 0, longitude: 0 })).toBeUndefined();
    expect(buildProofOfDelivery({ carrier: "fedex", location: "Mailroom", attempts: "0" })).toEqual({
      carrier: "fedex",
      leftAt: { place: "mailroom", text: "Mailroom" },
      photoUrls: [],
    });
  });

  it("compares the shipping address with where the carrier delivered", () => {
    const shipping = { city: "Atlanta", province: "GA", postalCode: "30303-1234", country: "US" };
    expect(compareAddresses(shipping, { city: "ATLANTA", province: "GA", postalCode: "30303", country: "US" }).verdict).toBe("match");
    const other = compareAddresses(shipping, { city: "DECATUR", postalCode: "30030" });
    expect(other.verdict).toBe("mismatch");
    expect(other.parts.filter((p) => !p.matches).map((p) => p.part)).toEqual(["city", "postalCode"]);
    expect(compareAddresses(shipping, undefined).verdict).toBe("unknown");
  });

  it("round-trips through storage and redacts personal parts", () => {
    const pod = buildProofOfDelivery({ carrier: "dhl", signedBy: "A KUMAR", signatureUrl: "https://d.example/s", address: { street: "X 1", country: "DE" }, location: "Locker" })!;
    expect(parseStoredPod(JSON.stringify(pod))).toEqual(pod);
    expect(parseStoredPod("{broken")).toBeNull();
    expect(redactPod(pod)).toEqual({ carrier: "dhl", leftAt: { place: "locker", text: "Locker" }, photoUrls: [], address: { country: "DE" } });
  });
});

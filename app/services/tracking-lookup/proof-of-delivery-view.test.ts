import { SUPPORTED_LOCALES, type SupportedLocale } from "~/domain/locales";
import { describe, expect, it } from "vitest";
import type { TrackedShipment } from "~/data/tracking-views.server";
import { buildProofOfDelivery } from "~/domain/proof-of-delivery";
import { buildAdminParcelView, buildParcelView } from "./parcel-view";

function shipment(overrides: Partial<TrackedShipment> = {}): TrackedShipment {
  const at = new Date("2026-11-20T19:02:00Z");
  return {
    id: "s1",
    shopDomain: "pod-view.myshopify.com",
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    orderCreatedAt: new Date("2026-11-15T10:00:00Z"),
    fulfillmentId: "gid://shopify/Fulfillment/1",
    fulfillmentCreatedAt: new Date("2026-11-16T10:00:00Z"),
    trackingNumber: "1Z999AA10123456784",
    trackingUrl: null,
    carrier: "ups",
    declaredCarrier: "UPS",
    status: "delivered",
    subStatus: null,
    flags: { stalled: false, late: false, notPickedUp: false },
    estimatedDeliveryAt: null,
    estimatedDeliveryEnd: null,
    predictedDeliveryAt: null,
    pickedUpAt: new Date("2026-11-16T18:00:00Z"),
    deliveredAt: at,
    lastEventAt: at,
    lastCheckedAt: at,
    originCountry: "US",
    destinationCountry: "US",
    trackingStoppedAt: null,
    shopifyStatus: "DELIVERED",
    shopifyStatusAt: at,
    events: [
      { occurredAt: "2026-11-16T18:00:00.000Z", status: "picked_up", carrierCode: "P", description: "Picked up" },
      { occurredAt: at.toISOString(), status: "delivered", carrierCode: "D", description: "Delivered", location: { city: "ATLANTA", country: "US" } },
    ],
    isReturn: false,
    returnId: null,
    proofOfDelivery:
      buildProofOfDelivery({
        carrier: "ups",
        signedBy: "MARIA LEE",
        location: "Front Door",
        localTime: "2026-11-20T14:02:00-05:00",
        latitude: 33.75,
        longitude: -84.39,
        address: { street: "12 Peachtree St", city: "ATLANTA", postalCode: "30303", country: "US" },
        photoUrls: ["https://pod.example/photo/1.jpg", "data:image/png;base64,AAAA"],
      }) ?? null,
    latestWriteBack: null,
    createdAt: new Date("2026-11-16T10:00:00Z"),
    ...overrides,
  };
}

describe("proof of delivery on the surfaces", () => {
  it("the shopper's timeline says where it was left and who signed, initial and surname only", () => {
    const view = buildParcelView(shipment(), 1, 1, { locale: "en", timeZone: "America/New_York" });
    expect(view.deliveryNote).toBe("Left at front door, signed by M. LEE");
    expect(view.milestones.find((m) => m.key === "delivered")?.detail).toBe("Left at front door, signed by M. LEE");
    const text = JSON.stringify(view);
    for (const secret of ["MARIA", "Peachtree", "33.75", "pod.example"]) expect(text).not.toContain(secret);
  });

  it("no proof, no note; a parcel not delivered shows none either", () => {
    expect(buildParcelView(shipment({ proofOfDelivery: null }), 1, 1, { locale: "en", timeZone: "UTC" }).deliveryNote).toBeUndefined();
    expect(buildParcelView(shipment({ status: "in_transit", deliveredAt: null }), 1, 1, { locale: "en", timeZone: "UTC" }).deliveryNote).toBeUndefined();
  });

  it("a shopper's return reads as one: on its way back with the expected day, then received", () => {
    const inTransit = buildParcelView(
      shipment({ returnId: "gid://shopify/Return/7", isReturn: true, status: "in_transit", deliveredAt: null, estimatedDeliveryAt: new Date("2026-12-08T17:00:00Z") }),
      1,
      1,
      { locale: "en", timeZone: "America/New_York" },
    );
    expect(inTransit.statusLabel).toBe("Your return is on its way back — expected to arrive Tue, Dec 8");
    expect(inTransit.kind).toBe("return");
    const received = buildParcelView(shipment({ returnId: "gid://shopify/Return/7", isReturn: true }), 1, 1, { locale: "en", timeZone: "UTC" });
    expect(received.statusLabel).toBe("We received your return");
    // Who signed for it at the merchant's is not the shopper's business.
    expect(received.deliveryNote).toBeUndefined();
  });

  it("speaks the shopper's language: proof of delivery and return progress in the ten shopper locales", () => {
    const note = (locale: SupportedLocale) => buildParcelView(shipment(), 1, 1, { locale, timeZone: "UTC" }).deliveryNote;
    expect(Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, note(locale)]))).toEqual({
      en: "Left at front door, signed by M. LEE",
      "zh-CN": "已放在前门，签收人 M. LEE",
      "zh-TW": "已放在前門，簽收人 M. LEE",
      ko: "현관문 앞에 두고 감, 수령인 M. LEE",
      ja: "玄関前に置き配、受領者 M. LEE",
      es: "Dejado en la puerta principal, firmado por M. LEE",
      fr: "Déposé devant la porte d’entrée, signé par M. LEE",
      de: "An der Haustür abgelegt, unterschrieben von M. LEE",
      it: "Lasciato alla porta d’ingresso, firmato da M. LEE",
      "pt-BR": "Deixado na porta da frente, assinado por M. LEE",
    });
    const onItsWay = (locale: SupportedLocale) =>
      buildParcelView(
        shipment({ returnId: "gid://shopify/Return/7", isReturn: true, status: "in_transit", deliveredAt: null, estimatedDeliveryAt: new Date("2026-12-08T17:00:00Z") }),
        1,
        1,
        { locale, timeZone: "America/New_York" },
      ).statusLabel;
    expect(onItsWay("fr")).toBe("Votre retour est en chemin — arrivée prévue le mar. 8 déc.");
    expect(onItsWay("de")).toBe("Ihre Retoure ist unterwegs zurück — voraussichtliche Ankunft Di., 8. Dez.");
    const received = (locale: SupportedLocale) => buildParcelView(shipment({ returnId: "gid://shopify/Return/7", isReturn: true }), 1, 1, { locale, timeZone: "UTC" }).statusLabel;
    expect(SUPPORTED_LOCALES.map(received)).toEqual([
      "We received your return",
      "我们已收到您的退货",
      "我們已收到您的退貨",
      "반품을 받았습니다",
      "返品を受け取りました",
      "Hemos recibido tu devolución",
      "Nous avons reçu votre retour",
      "Wir haben Ihre Retoure erhalten",
      "Abbiamo ricevuto il tuo reso",
      "Recebemos sua devolução",
    ]);
  });

  it("support agents see the full proof in the admin block", () => {
    const view = buildAdminParcelView(shipment(), 1, 1, { locale: "en", timeZone: "UTC", shopperLink: "https://x.example/l" });
    expect(view.proofOfDelivery).toEqual({
      signedBy: "MARIA LEE",
      leftAt: "Front Door",
      localTime: "2026-11-20T14:02:00-05:00",
      address: "12 Peachtree St, ATLANTA, 30303, US",
      coordinates: { latitude: 33.75, longitude: -84.39 },
      photoUrls: ["https://pod.example/photo/1.jpg"],
      signatureUrl: null,
      documentUrl: null,
      imageOnFile: false,
    });
  });
});

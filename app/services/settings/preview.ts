import type { TrackedShipment } from "~/data/tracking-views.server";
import type { SupportedLocale } from "~/domain/locales/resolve";
import { orderView } from "~/services/tracking-lookup/order-view";
import { buildStorefrontParcelView } from "~/services/tracking-lookup/parcel-view";
import { ALL_PAGE_LOCALES, standaloneDocument, type TrackingPageModel } from "~/services/tracking-lookup/storefront-page";
import { DEFAULT_BRANDING, type TrackingPageBranding } from "./settings-form";

/**
 * The live preview in Settings: the storefront page's own renderer, given the merchant's unsaved
 * draft and a sample parcel, so what the preview shows is what shoppers get.
 */
export interface PreviewDraft {
  brandAccentColor: string;
  backgroundColor: string;
  heading: Partial<Record<string, string>>;
  intro: Partial<Record<string, string>>;
  supportContact: string;
  showScanHistory: boolean;
  showLineItems: boolean;
  showEstimate: boolean;
  locales: string[];
}

/** A parcel in transit with a few scans and two products; times are fixed so the preview is stable. */
export function sampleShipment(nowMs: number): TrackedShipment {
  const hoursAgo = (hours: number) => new Date(nowMs - hours * 3_600_000);
  return {
    id: "preview",
    shopDomain: "preview.myshopify.com",
    orderId: "gid://shopify/Order/1",
    orderName: "#1001",
    orderCreatedAt: hoursAgo(80),
    fulfillmentId: "gid://shopify/Fulfillment/1",
    fulfillmentCreatedAt: hoursAgo(72),
    trackingNumber: "1Z999AA10123456784",
    trackingUrl: null,
    carrier: "ups",
    declaredCarrier: "UPS",
    status: "in_transit",
    subStatus: null,
    flags: { stalled: false, late: false, notPickedUp: false },
    estimatedDeliveryAt: new Date(nowMs + 48 * 3_600_000),
    estimatedDeliveryEnd: null,
    predictedDeliveryAt: null,
    pickedUpAt: hoursAgo(60),
    deliveredAt: null,
    lastEventAt: hoursAgo(5),
    lastCheckedAt: hoursAgo(1),
    originCountry: "US",
    destinationCountry: "US",
    trackingStoppedAt: null,
    shopifyStatus: null,
    shopifyStatusAt: null,
    isReturn: false,
    returnId: null,
    proofOfDelivery: null,
    createdAt: hoursAgo(72),
    latestWriteBack: null,
    events: [
      { occurredAt: hoursAgo(70).toISOString(), status: "info_received", carrierCode: "M", description: "Shipper created a label", location: { city: "ATLANTA", province: "GA", country: "US" } },
      { occurredAt: hoursAgo(60).toISOString(), status: "picked_up", carrierCode: "P", description: "Pickup scan", location: { city: "ATLANTA", province: "GA", country: "US" } },
      { occurredAt: hoursAgo(30).toISOString(), status: "in_transit", carrierCode: "I", description: "Departed from facility", location: { city: "LOUISVILLE", province: "KY", country: "US" } },
      { occurredAt: hoursAgo(5).toISOString(), status: "in_transit", carrierCode: "I", description: "Arrived at facility", location: { city: "WINSTON-SALEM", province: "NC", country: "US" } },
    ],
    lineItems: [
      { name: "Linen shirt", quantity: 2, imageUrl: null },
      { name: "Canvas tote", quantity: 1, imageUrl: null },
    ],
  };
}

function brandingOfDraft(draft: PreviewDraft): TrackingPageBranding {
  const texts = (values: Partial<Record<string, string>>) =>
    Object.fromEntries(Object.entries(values).filter(([, text]) => typeof text === "string" && text.trim() !== "").map(([locale, text]) => [locale, (text ?? "").trim()]));
  return {
    ...DEFAULT_BRANDING,
    heading: texts(draft.heading),
    intro: texts(draft.intro),
    supportContact: draft.supportContact.trim() || null,
    backgroundColor: draft.backgroundColor || null,
    sections: { scanHistory: draft.showScanHistory, lineItems: draft.showLineItems, estimate: draft.showEstimate },
  };
}

/** What the preview is drawn from: the page's language, the shop, its logo and the (unsaved) draft. */
export interface PreviewInput {
  locale: SupportedLocale;
  shopName: string | null;
  logoUrl: string | null;
  draft: PreviewDraft;
  nowMs?: number;
  timeZone?: string;
}

export function previewModel(input: PreviewInput): TrackingPageModel {
  const nowMs = input.nowMs ?? Date.now();
  const parcel = buildStorefrontParcelView(sampleShipment(nowMs), 1, 1, { locale: input.locale, timeZone: input.timeZone ?? "UTC", nowMs });
  const offered = input.draft.locales.filter((code): code is SupportedLocale => (ALL_PAGE_LOCALES as string[]).includes(code));
  return {
    locale: input.locale,
    shopName: input.shopName,
    accentColor: input.draft.brandAccentColor || null,
    logoUrl: input.logoUrl,
    standalone: true,
    formAction: "/apps/track",
    outcome: { kind: "found", mode: "order", view: orderView("#1001", input.locale, [parcel]) },
    query: null,
    display: { showEta: true, showMap: false },
    languages: offered.length > 1 ? offered : [],
    help: null,
    branding: brandingOfDraft(input.draft),
  };
}

export function previewDocument(input: PreviewInput): string {
  return standaloneDocument(previewModel(input));
}

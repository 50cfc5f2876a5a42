import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fulfillmentRecord, lineItemsOf, snapshotFromWebhook, fulfillmentWebhookSchema } from "~/services/ingestion/fulfillment-payload.server";
import { fulfillmentWebhookPayload } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { previewModel, sampleShipment } from "~/services/settings/preview";
import { DEFAULT_BRANDING, parseBranding } from "~/services/settings/settings-form";
import { orderView } from "./order-view";
import { buildStorefrontParcelView, scanLines } from "./parcel-view";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";
import { APP_ICON_SVG, escapeText, renderTrackingPage, safeLogoUrl, standaloneDocument, type TrackingPageModel } from "./storefront-page";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const LOGO = `/brand-logo/maple.myshopify.com/${"a".repeat(64)}.png`;

function model(overrides: Partial<TrackingPageModel> & { timeZone?: string } = {}): TrackingPageModel {
  const locale = overrides.locale ?? "en";
  const parcel = buildStorefrontParcelView(sampleShipment(NOW), 1, 1, { locale, timeZone: overrides.timeZone ?? "America/New_York", nowMs: NOW });
  return {
    locale,
    shopName: "Maple & Co",
    accentColor: "#aa3300",
    logoUrl: LOGO,
    standalone: false,
    formAction: "/apps/track",
    outcome: { kind: "found", mode: "order", view: orderView("#1001", locale, [parcel]) },
    query: null,
    display: { showEta: true, showMap: false },
    languages: [],
    help: null,
    branding: {
      ...DEFAULT_BRANDING,
      heading: { en: "Where is my parcel?", fr: "Où est mon colis ?" },
      intro: { fr: "Suivez votre commande Maple." },
      supportContact: "help@maple.example",
    },
    ...overrides,
  };
}

describe("storefront tracking page", () => {
  it("shows the uploaded logo and the merchant's heading and intro in the shopper's locale", () => {
    const en = renderTrackingPage(model());
    expect(en).toContain(`<header><img src="${LOGO}" alt="Maple &amp; Co"></header><h1>Where is my parcel?</h1>`);
    expect(en).not.toContain("tl-lead");
    const fr = renderTrackingPage(model({ locale: "fr" }));
    expect(fr).toContain('<h1>Où est mon colis ?</h1><p class="tl-lead">Suivez votre commande Maple.</p>');
    // A locale without its own copy keeps the page's words.
    expect(renderTrackingPage(model({ locale: "de" }))).toContain("<h1>Bestellung verfolgen</h1>");
    expect(en).toContain('<p class="tl-support">Questions about your order? <a href="mailto:help@maple.example" rel="noopener noreferrer">Contact us</a></p>');
  });

  it("puts the merchant's contact under the estimate of a parcel running late, in the shopper's language", () => {
    const sample = sampleShipment(NOW);
    const late = { ...sample, flags: { ...sample.flags, late: true }, shownEstimateEnd: new Date(NOW - 2 * 86_400_000) };
    const lateModel = (locale: "en" | "de", supportContact: string | null) => {
      const parcel = buildStorefrontParcelView(late, 1, 1, { locale, timeZone: "America/New_York", nowMs: NOW });
      return model({ locale, outcome: { kind: "found", mode: "order", view: orderView("#1001", locale, [parcel]) }, branding: { ...DEFAULT_BRANDING, supportContact } });
    };
    const html = renderTrackingPage(lateModel("en", "https://maple.example/help"));
    expect(html).toMatch(
      /<p><strong>Running late[^<]*<\/strong><\/p><p class="tl-late-contact">Sorry for the wait\. Questions about the delay\? <a href="https:\/\/maple\.example\/help" rel="noopener noreferrer">Contact us<\/a><\/p>/,
    );
    expect(renderTrackingPage(lateModel("de", "help@maple.example"))).toContain(
      '<p class="tl-late-contact">Entschuldigen Sie die Verzögerung. Fragen dazu? <a href="mailto:help@maple.example" rel="noopener noreferrer">Kontaktieren Sie uns</a></p>',
    );
    // No contact configured, or a parcel on time: no such line.
    expect(renderTrackingPage(lateModel("en", null))).not.toContain("tl-late-contact");
    expect(renderTrackingPage(model())).not.toContain("tl-late-contact");
  });

  it("lists every scan newest first with its time zone and normal-case places, under the milestones", () => {
    const html = renderTrackingPage(model());
    const scans = html.slice(html.indexOf('<ol class="tl-scans">'), html.indexOf("</ol>", html.indexOf('<ol class="tl-scans">')));
    expect(html.indexOf("<h3>Progress</h3>")).toBeLessThan(html.indexOf("<h3>Every scan</h3>"));
    expect(scans.match(/<li>/g)).toHaveLength(4);
    expect(scans).toContain(
      '<li><time datetime="2026-11-20T07:00:00.000Z">Nov 20, 2026, 2:00 AM EST</time><br>Arrived at facility<small>Winston-Salem, NC, United States</small></li>',
    );
    expect(scans.indexOf("Arrived at facility")).toBeLessThan(scans.indexOf("Shipper created a label"));
    expect(html).toContain("<p>Last seen in Winston-Salem, NC, United States · ");
    expect(scanLines(sampleShipment(NOW), "ja", "Asia/Tokyo")[0]).toEqual({
      at: "2026-11-20T07:00:00.000Z",
      time: "2026年11月20日 16:00 JST",
      description: "Arrived at facility",
      place: "Winston-Salem, NC, アメリカ合衆国",
    });
  });

  it("shows the parcel's line items, and leaves out the sections the merchant turned off", () => {
    const html = renderTrackingPage(model());
    expect(html).toContain('<h3>In this parcel</h3><ul class="tl-items"><li><span>2 × Linen shirt</span></li><li><span>1 × Canvas tote</span></li></ul>');
    expect(renderTrackingPage(model({ locale: "ko" }))).toContain("<li><span>Linen shirt × 2</span></li>");
    const plain = renderTrackingPage(model({ branding: { ...DEFAULT_BRANDING, sections: { scanHistory: false, lineItems: false, estimate: false } } }));
    expect(plain).not.toContain('<ol class="tl-scans">');
    expect(plain).not.toContain('<ul class="tl-items">');
    expect(plain).not.toContain("Expected Sunday");
    expect(html).toContain("<p><strong>Expected Sunday, November 22, 2026</strong></p>");
  });

  it("shows an item's image only from an https address", () => {
    const shipment = { ...sampleShipment(NOW), lineItems: [{ name: "Mug", quantity: 1, imageUrl: "https://cdn.shopify.com/mug.png" }, { name: "Cup", quantity: 3, imageUrl: "javascript:alert(1)" }] };
    const parcel = buildStorefrontParcelView(shipment, 1, 1, { locale: "en", timeZone: "UTC", nowMs: NOW });
    expect(parcel.items).toEqual([
      { name: "Mug", quantity: 1, imageUrl: "https://cdn.shopify.com/mug.png" },
      { name: "Cup", quantity: 3, imageUrl: null },
    ]);
  });

  it("accepts only its own logo route or https images as the logo", () => {
    expect(safeLogoUrl(LOGO)).toBe(LOGO);
    expect(safeLogoUrl("https://cdn.example/logo.png")).toBe("https://cdn.example/logo.png");
    expect(safeLogoUrl("http://cdn.example/logo.png")).toBeNull();
    expect(safeLogoUrl("/brand-logo/x/../../secret.png")).toBeNull();
    expect(safeLogoUrl("data:image/png;base64,iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(safeLogoUrl("data:image/svg+xml;base64,PHN2Zy8+")).toBeNull();
    expect(safeLogoUrl("data:text/html;base64,PHNjcmlwdD4=")).toBeNull();
    expect(safeLogoUrl('data:image/png;base64,AAAA" onerror="alert(1)')).toBeNull();
    expect(safeLogoUrl("javascript:alert(1)")).toBeNull();
  });

  it("reads stored branding leniently", () => {
    expect(parseBranding("not json")).toEqual(DEFAULT_BRANDING);
    expect(parseBranding('{"heading":{"fr":"Suivi","xx":"?"},"sections":{"lineItems":false},"backgroundColor":"red"}')).toEqual({
      ...DEFAULT_BRANDING,
      heading: { fr: "Suivi" },
      sections: { scanHistory: true, lineItems: false, estimate: true },
    });
  });

  it("renders the settings preview with the same renderer and the draft", () => {
    const preview = previewModel({
      locale: "en",
      shopName: "Maple",
      logoUrl: null,
      nowMs: NOW,
      draft: { brandAccentColor: "#aa3300", backgroundColor: "", heading: { en: " Hello " }, intro: {}, supportContact: "", showScanHistory: true, showLineItems: false, showEstimate: true, locales: ["en"] },
    });
    const html = renderTrackingPage(preview);
    expect(html).toContain("<h1>Hello</h1>");
    expect(html).toContain("--tl-accent:#aa3300");
    expect(html).not.toContain('<ul class="tl-items">');
    expect(html).toContain('<ol class="tl-scans">');
  });
});

describe("the standalone page's icon", () => {
  it("is the app's icon inline, so the page asks the server for nothing but itself", () => {
    expect(APP_ICON_SVG).toBe(fs.readFileSync(path.join(projectRoot, "public/favicon.svg"), "utf8").trim());
    const html = standaloneDocument(model({ standalone: true }));
    expect(html).toContain(`<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(APP_ICON_SVG)}">`);
  });
});

describe("line items from the fulfillment webhook", () => {
  it("keeps each item's name and quantity (the webhook has no image) and stores them on the record", () => {
    const payload = fulfillmentWebhookSchema.parse(fulfillmentWebhookPayload({
        fulfillmentId: 7,
        orderId: 70,
        orderName: "#1007",
        createdAt: new Date("2026-11-20T10:00:00Z"),
        trackingCompany: "UPS",
        trackingNumbers: ["1Z999AA10123456784"],
        destinationCountry: "US",
        lineItemCount: 2,
      }));
    const snapshot = snapshotFromWebhook(payload);
    expect(snapshot.lineItems).toEqual([
      { name: "Item 1", quantity: 1, lineItemId: "gid://shopify/LineItem/70" },
      { name: "Item 2", quantity: 1, lineItemId: "gid://shopify/LineItem/71" },
    ]);
    expect(fulfillmentRecord("maple.myshopify.com", snapshot, []).lineItems).toEqual(snapshot.lineItems);
    expect(lineItemsOf([{ title: "  Tote ", quantity: 3 }, { quantity: 2 }, "junk"])).toEqual([{ name: "Tote", quantity: 3 }]);
    // Without the gid, the numeric id names the line; a gid of something else names nothing.
    expect(lineItemsOf([{ id: 12, name: "Cap" }, { admin_graphql_api_id: "gid://shopify/Product/1", name: "Odd" }])).toEqual([
      { name: "Cap", quantity: 1, lineItemId: "gid://shopify/LineItem/12" },
      { name: "Odd", quantity: 1 },
    ]);
    expect(lineItemsOf(null)).toBeNull();
  });
});

describe("escapeText", () => {
  const reference = (value: string) =>
    value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/\{/g, "&#123;").replace(/\}/g, "&#125;");

  it("escapes markup, quotes and Liquid's braces, one character at a time", () => {
    expect(escapeText(`{{ shop.name }}<script>alert("x")</script> & 'y' &amp;`)).toBe(
      "&#123;&#123; shop.name &#125;&#125;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &amp;amp;",
    );
    expect(escapeText("Delivered, Ottawa ON")).toBe("Delivered, Ottawa ON");
  });

  it("gives what escaping each character in turn gives, for any text", () => {
    const characters = fc.constantFrom("&", "<", ">", '"', "'", "{", "}", "a", " ", "é", "#", ";");
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(characters).map((parts) => parts.join(""))), (value) => escapeText(value) === reference(value)));
  });
});

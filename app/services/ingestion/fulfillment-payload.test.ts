import { describe, expect, it } from "vitest";
import { fulfillmentRecord, fulfillmentWebhookParser, fulfillmentWebhookSchema, snapshotFromWebhook, webhookSnapshot } from "./fulfillment-payload.server";

describe("fulfillment payload lanes", () => {
  const payload = {
    id: 7001,
    order_id: 9001,
    name: "#1001.1",
    status: "success",
    updated_at: "2026-03-02T10:00:00-05:00",
    tracking_company: "USPS",
    tracking_number: "9400111899223197428490",
    destination: { country_code: "us", province_code: " ca ", zip: "94105-1804", phone: null },
    origin_address: { country_code: "US", province_code: "NJ", zip: "07001" },
  };

  it("records the origin and destination regions and only the destination's postal prefix", () => {
    const snapshot = snapshotFromWebhook(fulfillmentWebhookSchema.parse(payload));
    expect([snapshot.originCountry, snapshot.originRegion, snapshot.destinationCountry, snapshot.destinationRegion, snapshot.destinationPostalPrefix]).toEqual([
      "US",
      "NJ",
      "US",
      "CA",
      "941",
    ]);
    const record = fulfillmentRecord("lanes.myshopify.com", snapshot, []);
    expect([record.originRegion, record.destinationRegion, record.destinationPostalPrefix]).toEqual(["NJ", "CA", "941"]);
    expect(JSON.stringify(record)).not.toContain("94105");
  });

  it("leaves them empty when the addresses do not say", () => {
    const snapshot = snapshotFromWebhook(fulfillmentWebhookSchema.parse({ ...payload, destination: { country_code: "GB" }, origin_address: null }));
    expect([snapshot.originRegion, snapshot.destinationRegion, snapshot.destinationPostalPrefix]).toEqual([null, null, null]);
  });

  it("is parsed once per payload object, with the schema's own verdict for each object", () => {
    const first = fulfillmentWebhookParser.safeParse(payload);
    expect(fulfillmentWebhookParser.safeParse(payload)).toBe(first);
    expect(first).toEqual(fulfillmentWebhookSchema.safeParse(payload));
    const other = { ...payload, tracking_number: "1Z999AA10123456784" };
    expect(fulfillmentWebhookParser.safeParse(other).data?.tracking_number).toBe("1Z999AA10123456784");
    const broken = { ...payload, id: "not a number" };
    expect(fulfillmentWebhookParser.safeParse(broken).success).toBe(fulfillmentWebhookSchema.safeParse(broken).success);
    expect(fulfillmentWebhookParser.safeParse("text").success).toBe(false);
  });

  it("builds a delivery's snapshot once per parsed payload, frozen, as snapshotFromWebhook builds it", () => {
    const withItems = { ...payload, tracking_numbers: ["9400111899223197428490", "1Z999AA10123456784"], line_items: [{ id: 1, name: "Mug", quantity: 2 }, { id: 2, title: "Cap" }] };
    const parsed = fulfillmentWebhookParser.safeParse(withItems);
    if (!parsed.success) throw new Error("the payload should parse");
    const snapshot = webhookSnapshot(parsed.data);
    expect(webhookSnapshot(parsed.data)).toBe(snapshot);
    expect(snapshot).toEqual(snapshotFromWebhook(fulfillmentWebhookSchema.parse(withItems)));
    expect(snapshot.tracking.map((entry) => entry.number)).toEqual(["9400111899223197428490", "1Z999AA10123456784"]);
    expect(snapshot.lineItems).toEqual([
      { name: "Mug", quantity: 2, lineItemId: "gid://shopify/LineItem/1" },
      { name: "Cap", quantity: 1, lineItemId: "gid://shopify/LineItem/2" },
    ]);
    // No reader can change what the next one reads.
    expect(() => Object.assign(snapshot, { orderId: "gid://shopify/Order/1" })).toThrow(TypeError);
    expect(() => (snapshot.tracking as { number: string }[]).push({ number: "x" })).toThrow(TypeError);
    expect(() => Object.assign(snapshot.tracking[0]!, { number: "x" })).toThrow(TypeError);
    expect(() => Object.assign(snapshot.lineItems![0]!, { quantity: 9 })).toThrow(TypeError);
    // Another payload object, even an equal one, has its own snapshot.
    const again = fulfillmentWebhookParser.safeParse({ ...withItems });
    expect(again.success && webhookSnapshot(again.data)).not.toBe(snapshot);
  });
});

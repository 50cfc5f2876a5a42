import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi, type FakeOrder } from "~/testing/fake-admin-api";
import { fulfillmentWebhookSchema, snapshotFromWebhook } from "./fulfillment-payload.server";
import { fulfillmentWebhookPayload } from "./fulfillment-webhook-builder.server";
import { runLineItemImages } from "./line-item-images.server";
import { recordFulfillment } from "./record-fulfillment.server";

const SHOP = "images.myshopify.com";
const BROKEN = "images-broken.myshopify.com";
const NOW = new Date("2026-11-20T12:00:00Z");
const CDN = "https://cdn.shopify.com/s/files/1/0001/products";

async function ship(shopDomain: string, fulfillmentId: number, orderId: number, createdAt = new Date("2026-11-19T10:00:00Z")) {
  const payload = fulfillmentWebhookSchema.parse(
    fulfillmentWebhookPayload({ fulfillmentId, orderId, orderName: `#${orderId}`, createdAt, trackingCompany: "UPS", trackingNumbers: [`1Z999AA1012345678${fulfillmentId % 10}`], destinationCountry: "US", lineItemCount: 2 }),
  );
  await recordFulfillment(database().db, shopDomain, snapshotFromWebhook(payload), createdAt);
}

const order = (orderId: number, lines: FakeOrder["lineItems"]): FakeOrder => ({
  id: `gid://shopify/Order/${orderId}`,
  name: `#${orderId}`,
  createdAt: "2026-11-19T09:00:00Z",
  email: null,
  phone: null,
  shippingAddress: null,
  fulfillments: [],
  lineItems: lines,
});

const stored = async (fulfillmentId: number) => {
  const row = await database().db.shipment.findFirstOrThrow({ where: { fulfillmentId: `gid://shopify/Fulfillment/${fulfillmentId}` } });
  return { items: JSON.parse(row.lineItemsJson ?? "null") as unknown, checkedAt: row.lineItemImagesCheckedAt };
};

describe("product images for the tracking page's line items", () => {
  let shopify: FakeAdminApi;

  beforeEach(() => {
    shopify = createFakeAdminApi({
      orders: [
        // Fulfillment 7's lines are 70 and 71; 71 has no image in Shopify.
        order(700, [
          { id: "gid://shopify/LineItem/70", name: "Item 1", imageUrl: `${CDN}/mug.jpg?width=96` },
          { id: "gid://shopify/LineItem/71", name: "Item 2", imageUrl: null },
        ]),
        // Matched by name when the line ids differ; a non-https image never reaches the page.
        order(800, [
          { id: "gid://shopify/LineItem/999", name: "Item 1", imageUrl: "http://cdn.example/insecure.jpg" },
          { id: "gid://shopify/LineItem/998", name: "Item 2", imageUrl: `${CDN}/cap.png` },
        ]),
      ],
    });
  });

  it("matches each line with its image, by line id or name, keeps only https, and asks once", async () => {
    await ship(SHOP, 7, 700);
    await ship(SHOP, 8, 800);
    await ship(SHOP, 9, 900); // an order Shopify does not know: asked, no images
    await ship(SHOP, 6, 600, new Date("2026-10-01T10:00:00Z")); // older than 30 days: not asked
    const adminFor = async (shop: string) => createAdminGraphqlClient({ shop, accessToken: "shpat_test", fetch: shopify.fetch });

    const report = await runLineItemImages({ db: database().db, adminFor, now: NOW });
    expect(report).toEqual({ shipments: 3, withImages: 2, failedShops: [] });
    expect(await stored(7)).toEqual({
      items: [
        { name: "Item 1", quantity: 1, lineItemId: "gid://shopify/LineItem/70", imageUrl: `${CDN}/mug.jpg?width=96` },
        { name: "Item 2", quantity: 1, lineItemId: "gid://shopify/LineItem/71", imageUrl: null },
      ],
      checkedAt: NOW,
    });
    expect(await stored(8)).toEqual({
      items: [
        { name: "Item 1", quantity: 1, lineItemId: "gid://shopify/LineItem/80", imageUrl: null },
        { name: "Item 2", quantity: 1, lineItemId: "gid://shopify/LineItem/81", imageUrl: `${CDN}/cap.png` },
      ],
      checkedAt: NOW,
    });
    expect((await stored(9)).checkedAt).toEqual(NOW);
    expect(await stored(6)).toMatchObject({ checkedAt: null });
    // One query for the three orders; a second pass asks nothing.
    expect(shopify.calls.filter((operation) => operation === "TracklineLineItemImages")).toHaveLength(1);
    expect(await runLineItemImages({ db: database().db, adminFor, now: NOW })).toEqual({ shipments: 0, withImages: 0, failedShops: [] });
  });

  it("leaves a shop whose Admin API fails for the next pass without holding up the others", async () => {
    await ship(BROKEN, 11, 700);
    await ship(SHOP, 12, 700);
    const adminFor = async (shop: string) => {
      if (shop === BROKEN) throw new Error("no offline session for this shop");
      return createAdminGraphqlClient({ shop, accessToken: "shpat_test", fetch: shopify.fetch });
    };
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      expect(await runLineItemImages({ db: database().db, adminFor, now: NOW })).toEqual({ shipments: 1, withImages: 1, failedShops: [BROKEN] });
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([`line item images for ${BROKEN} failed: no offline session for this shop`]);
    expect((await stored(11)).checkedAt).toBeNull();
    expect((await stored(12)).checkedAt).toEqual(NOW);
  });
});

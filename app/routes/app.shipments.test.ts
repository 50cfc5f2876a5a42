import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { customerEmailHash } from "~/data/shipments.server";
import { resyncShipments } from "~/services/shipments/resync.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { loader as detailLoader } from "./app.shipments.$id";
import { loader as listLoader } from "./app.shipments._index";
import { loader as exportLoader } from "./app.shipments.export";

const OTHER = "other-shop.myshopify.com";
const list = (query = "") => listLoader({ request: adminRequest(`/app/shipments${query}`), params: {}, context: {} });

describe("shipments list, shipment page and CSV export", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db, "America/New_York");
    await db.shop.create({ data: { domain: OTHER } });
    for (let index = 0; index < 120; index++) {
      await db.shipment.create({
        data: {
          id: `ship${String(index).padStart(3, "0")}`,
          shopDomain: TEST_APP.shop,
          orderId: `gid://shopify/Order/${index}`,
          orderName: `#${1000 + index}`,
          fulfillmentId: `gid://shopify/Fulfillment/${index}`,
          trackingNumber: `1Z999AA1${String(index).padStart(10, "0")}`,
          carrier: index % 2 ? "ups" : "fedex",
          status: index % 3 === 0 ? "delivered" : "in_transit",
          stalled: index % 10 === 0,
          destinationCountry: index % 4 === 0 ? "CA" : "US",
          isReturn: index === 7,
          customerEmailHash: customerEmailHash(`Customer${index}@Example.com`),
          // One a day at 03:00 UTC (22:00 or 23:00 the evening before in New York).
          createdAt: new Date(Date.UTC(2026, 6, 1, 3) + index * 86_400_000),
        },
      });
    }
    await db.trackingEvent.create({
      data: {
        shipmentId: "ship001",
        occurredAt: new Date("2026-07-03T10:00:00Z"),
        status: "in_transit",
        carrierCode: "I",
        description: "Departed from facility",
        rawPayload: JSON.stringify({ status: { type: "I", code: "DP" } }),
        dedupeKey: "k1",
      },
    });
    await db.writeBack.create({
      data: {
        shopDomain: TEST_APP.shop,
        shipmentId: "ship001",
        fulfillmentId: "gid://shopify/Fulfillment/1",
        status: "in_transit",
        shopifyStatus: "IN_TRANSIT",
        happenedAt: new Date("2026-07-03T10:00:00Z"),
        state: "done",
        attempts: 1,
      },
    });
    await db.shipment.create({
      data: {
        id: "foreign",
        shopDomain: OTHER,
        orderId: "gid://shopify/Order/1",
        orderName: "#1001",
        fulfillmentId: "f",
        trackingNumber: "1Z999AA10000000001",
        status: "in_transit",
        stalled: true,
        customerEmailHash: customerEmailHash("customer1@example.com"),
      },
    });
  });

  it("pages through the shop's shipments newest first with keyset cursors", async () => {
    const seen: string[] = [];
    let after = "";
    for (;;) {
      const data = await list(after ? `?after=${after}` : "");
      expect(data.page.total).toBe(120);
      seen.push(...data.page.items.map((item) => item.id));
      if (!data.page.nextCursor) break;
      after = data.page.nextCursor;
    }
    expect(seen).toHaveLength(120);
    expect(seen[0]).toBe("ship119");
    expect(new Set(seen).size).toBe(120);
    expect(seen).not.toContain("foreign");
  });

  it("filters by status, flags, carrier, country, return and shop-local dates", async () => {
    expect((await list("?status=delivered")).page.total).toBe(40);
    expect((await list("?attention=stalled")).page.total).toBe(12);
    expect((await list("?carrier=ups&country=CA")).page.total).toBe(0);
    expect((await list("?carrier=fedex&country=CA")).page.total).toBe(30);
    expect((await list("?return=yes")).page.items.map((item) => item.id)).toEqual(["ship007"]);
    // 2026-07-01 in New York holds shipment 1 (03:00 UTC on 07-02); shipment 0 was on 06-30 local.
    const july1 = await list("?from=2026-07-01&to=2026-07-01");
    expect(july1.page.items.map((item) => item.id)).toEqual(["ship001"]);
    const combined = await list("?status=delivered&attention=stalled&carrier=fedex");
    expect(combined.page.items.every((item) => item.status === "delivered" && item.flags.stalled && item.carrier === "fedex")).toBe(true);
    expect(combined.page.total).toBe(4);
  });

  it("reports bad filters instead of failing, and ignores them", async () => {
    const data = await list("?status=teleported&country=Canada&from=yesterday");
    expect(data.errors).toEqual([
      { kind: "status", value: "teleported" },
      { kind: "country", value: "CANADA" },
      { kind: "date", value: "yesterday" },
    ]);
    expect(data.page.total).toBe(120);
  });

  it("searches by order name, tracking number and customer email (through its hash)", async () => {
    expect((await list("?q=%231005")).page.items.map((item) => item.id)).toEqual(["ship005"]);
    expect((await list("?q=1005")).page.items.map((item) => item.id)).toEqual(["ship005"]);
    expect((await list("?q=1z999aa1%200000000009")).page.items.map((item) => item.id)).toEqual(["ship009"]);
    expect((await list("?q=%20customer1%40example.com%20")).page.items.map((item) => item.id)).toEqual(["ship001"]);
  });

  it("sorts by order name both ways, paging stably", async () => {
    const ascending = await list("?sort=order_asc");
    expect(ascending.page.items[0]?.orderName).toBe("#1000");
    const next = await list(`?sort=order_asc&after=${ascending.page.nextCursor}`);
    expect(next.page.items[0]?.orderName).toBe("#1050");
    expect((await list("?sort=order_desc")).page.items[0]?.orderName).toBe("#1119");
  });

  it("shows a shipment with its events, mapping rules and write-backs; another shop's is a 404", async () => {
    const { shipment } = await detailLoader({ request: adminRequest("/app/shipments/ship001"), params: { id: "ship001" }, context: {} });
    expect(shipment.events).toHaveLength(1);
    expect(shipment.events[0]?.rule).toMatchObject({ table: "UPS status type", code: "I", mapsTo: "in_transit", matchesEvent: true });
    expect(shipment.events[0]?.rawPayload).toContain('"DP"');
    expect(shipment.writeBacks).toEqual([expect.objectContaining({ shopifyStatus: "IN_TRANSIT", state: "done" })]);
    expect(shipment.shopperLink).toMatch(/^https:\/\/test-shop\.myshopify\.com\/apps\/track\?t=v1\./);
    const thrown = await detailLoader({ request: adminRequest("/app/shipments/foreign"), params: { id: "foreign" }, context: {} }).catch((error: unknown) => error);
    expect((thrown as Response).status).toBe(404);
  });

  it("exports every matching row as CSV, not just one page", async () => {
    const response = await exportLoader({ request: adminRequest("/app/shipments/export?carrier=ups"), params: {}, context: {} });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheet apps pick the right encoding.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toMatch(/^Order,Tracking number,Carrier/);
    expect(lines).toHaveLength(61);
    expect(lines.slice(1).every((line) => line.includes(",ups,"))).toBe(true);
    expect(lines.some((line) => line.includes("foreign"))).toBe(false);
  });

  it("resyncs only the shop's own shipments", async () => {
    const { db } = database();
    const synced: string[] = [];
    const outcome = await resyncShipments(db, TEST_APP.shop, ["ship001", "foreign", "ship002", "ship001"], async (_db, id) => {
      synced.push(id);
      return id === "ship002"
        ? { changed: true, outcome: { kind: "new_events", newEvents: 2, statusChanged: true } }
        : { changed: false, outcome: { kind: "no_news" } };
    });
    expect(synced.sort()).toEqual(["ship001", "ship002"]);
    expect(outcome).toMatchObject({ requested: 3, synced: 2, changed: 1, notFound: 1 });
    expect(outcome.failed).toEqual([{ shipmentId: "", message: "1 shipment(s) not found in this shop" }]);
    expect(outcome.parcels.map((parcel) => [parcel.shipmentId, parcel.outcome.kind])).toEqual([
      ["ship001", "no_news"],
      ["ship002", "new_events"],
    ]);
  });

  it("never counts a failed parcel as synced, and says why it failed", async () => {
    const { db } = database();
    const outcome = await resyncShipments(db, TEST_APP.shop, ["ship003", "ship004"], async (_db, id) => {
      if (id === "ship004") throw new Error("socket hang up");
      return { changed: false, outcome: { kind: "failed", reason: "no_credentials", carrier: "ups", detail: null } };
    });
    expect(outcome).toMatchObject({ requested: 2, synced: 0, changed: 0, notFound: 0 });
    expect(outcome.failed).toEqual([
      { shipmentId: "ship003", message: "No ups credentials configured" },
      { shipmentId: "ship004", message: "fedex answered with an error: socket hang up" },
    ]);
  });
});

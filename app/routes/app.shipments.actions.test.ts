import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { action as detailAction } from "./app.shipments.$id";
import { action as listAction, loader as listLoader } from "./app.shipments._index";
import { loader as jobLoader } from "./app.shipments.jobs.$id";
import { loader as downloadLoader } from "./app.shipments.jobs.$id.download";

const OTHER = "other-actions.myshopify.com";
const list = (query = "") => listLoader({ request: adminRequest(`/app/shipments${query}`), params: {}, context: {} });
const post = (form: Record<string, string | string[]>, query = "") =>
  listAction({ request: adminRequest(`/app/shipments${query}`, { form }), params: {}, context: {} }) as Promise<Response>;

describe("shipments list: search, last scan, order links, saved views, background resync and export", () => {
  beforeAll(async () => {
    const { db } = database();
    await installTestShop(db, "UTC");
    await db.shop.create({ data: { domain: OTHER } });
    const rows = [
      { id: "a1", orderName: "#5101", trackingNumber: "1Z999AA10123456784", carrier: "ups", status: "in_transit", late: true },
      { id: "a2", orderName: "#5102", trackingNumber: "1Z999AA10999999999", carrier: "ups", status: "delivered", late: false },
      { id: "a3", orderName: "#6200", trackingNumber: "9400111899223344556677", carrier: "usps", status: "in_transit", late: false },
    ];
    for (const [index, row] of rows.entries()) {
      await db.shipment.create({
        data: { ...row, shopDomain: TEST_APP.shop, orderId: `gid://shopify/Order/77${index}`, fulfillmentId: `f${index}`, createdAt: new Date(Date.UTC(2026, 10, 1 + index)) },
      });
    }
    await db.shipment.create({
      data: { id: "b1", shopDomain: OTHER, orderId: "gid://shopify/Order/1", orderName: "#5103", fulfillmentId: "f", trackingNumber: "1Z999AA10555555555", carrier: "ups", status: "in_transit" },
    });
    for (const [index, event] of [
      { occurredAt: "2026-11-02T08:00:00Z", description: "Origin scan", city: "LOUISVILLE", province: "KY" },
      { occurredAt: "2026-11-03T09:30:00Z", description: "Arrived at facility", city: "LOS ANGELES", province: "CA" },
    ].entries()) {
      await db.trackingEvent.create({
        data: { shipmentId: "a1", occurredAt: new Date(event.occurredAt), status: "in_transit", carrierCode: "I", description: event.description, city: event.city, province: event.province, country: "US", dedupeKey: `e${index}`, rawPayload: "{}" },
      });
    }
  });

  it("finds shipments by the start of a tracking number or order number, never another shop's", async () => {
    expect((await list("?q=1z999aa1")).page.items.map((item) => item.id)).toEqual(["a2", "a1"]);
    expect((await list("?q=1Z999AA101")).page.items.map((item) => item.id)).toEqual(["a1"]);
    expect((await list("?q=%23510")).page.items.map((item) => item.id)).toEqual(["a2", "a1"]);
    expect((await list("?q=62")).page.items.map((item) => item.id)).toEqual(["a3"]);
    expect((await list("?q=Z999")).page.items).toEqual([]);
  });

  it("shows each row's newest scan with its place in normal case, and a link to the order in the Shopify admin", async () => {
    const rows = (await list()).page.items;
    expect(rows.map((row) => [row.id, row.lastScan?.description ?? null, row.lastScan?.place ?? null, row.orderAdminUrl])).toEqual([
      ["a3", null, null, "shopify://admin/orders/772"],
      ["a2", null, null, "shopify://admin/orders/771"],
      ["a1", "Arrived at facility", "Los Angeles, CA, US", "shopify://admin/orders/770"],
    ]);
  });

  it("saves the current filters as a view, lists it, refuses bad names, and deletes it", async () => {
    const saved = await post({ intent: "save_view", name: "  Late UPS  ", search: "carrier=ups&attention=late&after=xyz&status=bogus" });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { view: { id: string; name: string; query: string }; message: string };
    expect(body.view).toMatchObject({ name: "Late UPS", query: "attention=late&carrier=ups" });
    expect(body.message).toBe("View “Late UPS” saved");
    expect((await list()).savedViews).toEqual([{ id: body.view.id, name: "Late UPS", query: "attention=late&carrier=ups" }]);
    expect((await list("?attention=late&carrier=ups")).page.items.map((item) => item.id)).toEqual(["a1"]);

    const nameless = await post({ intent: "save_view", name: "   ", search: "" });
    expect(nameless.status).toBe(400);
    expect(await nameless.json()).toEqual({ intent: "save_view", error: "Give the view a name" });
    const korean = await listAction({ request: adminRequest("/app/shipments?locale=ko", { form: { intent: "save_view", name: "x".repeat(41), search: "" } }), params: {}, context: {} }) as Response;
    expect(korean.status).toBe(400);
    expect(await korean.json()).toEqual({ intent: "save_view", error: "최대 40자까지 입력할 수 있습니다" });

    // A view never keeps a customer's email address.
    const withEmail = await post({ intent: "save_view", name: "One customer", search: "q=someone%40example.com&status=delivered" });
    expect(((await withEmail.json()) as { view: { query: string } }).view.query).toBe("status=delivered");
    await post({ intent: "delete_view", viewId: ((await list()).savedViews.find((view) => view.name === "One customer")?.id ?? "") });

    expect((await post({ intent: "delete_view", viewId: "nope" })).status).toBe(404);
    const deleted = await post({ intent: "delete_view", viewId: body.view.id });
    expect(deleted.status).toBe(200);
    expect((await list()).savedViews).toEqual([]);
  });

  it("queues a bulk resync as a background job (202) the page can poll, only for the shop's own shipments", async () => {
    expect((await post({ intent: "resync" })).status).toBe(400);
    expect((await post({ intent: "resync", id: ["b1"] })).status).toBe(404);
    const queued = await post({ intent: "resync", id: ["a1", "a2", "b1"] });
    expect(queued.status).toBe(202);
    const { job } = (await queued.json()) as { job: { id: string; kind: string; state: string; total: number; processed: number } };
    expect(job).toMatchObject({ kind: "resync", state: "queued", total: 2, processed: 0 });
    const polled = (await jobLoader({ request: adminRequest(`/app/shipments/jobs/${job.id}`), params: { id: job.id }, context: {} })) as Response;
    expect(polled.status).toBe(200);
    expect(((await polled.json()) as { job: { id: string; state: string } }).job).toMatchObject({ id: job.id, state: "queued" });
    expect((await list()).jobs.resync).toMatchObject({ id: job.id, state: "queued", total: 2 });
    const missing = await jobLoader({ request: adminRequest("/app/shipments/jobs/nope"), params: { id: "nope" }, context: {} }).catch((error: unknown) => error);
    expect((missing as Response).status).toBe(404);
    const noFile = await downloadLoader({ request: adminRequest(`/app/shipments/jobs/${job.id}/download`), params: { id: job.id }, context: {} }).catch((error: unknown) => error);
    expect((noFile as Response).status).toBe(404);
  });

  it("answers a small export right away with its download address, and an unknown intent with 400", async () => {
    const small = await post({ intent: "export", search: "carrier=ups&after=abc" });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ intent: "export", url: "/app/shipments/export?carrier=ups" });
    const unknown = await post({ intent: "teleport" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ intent: null, error: "Unknown action" });
  });

  it("answers a small carrier-events export with its download address and hands one over 2,000 events to the worker", async () => {
    const small = await post({ intent: "events_export", search: "carrier=ups&after=abc" });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ intent: "events_export", url: "/app/shipments/events-export?carrier=ups" });
    const { db } = database();
    await db.trackingEvent.createMany({
      data: Array.from({ length: 1_999 }, (_, index) => ({ shipmentId: "a2", occurredAt: new Date(Date.UTC(2026, 10, 2, 0, index)), status: "in_transit", carrierCode: "I", description: `Scan ${index}`, dedupeKey: `bulk-${index}` })),
    });
    // 2 + 1,999 = 2,001 events of this shop's UPS parcels: a background job.
    const large = await post({ intent: "events_export", search: "carrier=ups" });
    expect(large.status).toBe(202);
    expect(await large.json()).toMatchObject({ intent: "events_export", job: { kind: "events_export", state: "queued", total: 2_001, processed: 0 } });
    await db.shipmentJob.deleteMany({});
    await db.trackingEvent.deleteMany({ where: { dedupeKey: { startsWith: "bulk-" } } });
  });

  it("reports a single resync truthfully: a carrier without credentials is a failure with its reason, not 'no news'", async () => {
    const response = (await detailAction({ request: adminRequest("/app/shipments/a3", { form: { intent: "resync" } }), params: { id: "a3" }, context: {} })) as Response;
    expect(response.status).toBe(200);
    const { parcel } = (await response.json()) as { parcel: { shipmentId: string; outcome: unknown } };
    expect(parcel).toEqual({
      shipmentId: "a3",
      orderName: "#6200",
      trackingNumber: "9400111899223344556677",
      outcome: { kind: "failed", reason: "no_credentials", carrier: "usps", detail: null },
    });
    const foreign = (await detailAction({ request: adminRequest("/app/shipments/b1", { form: { intent: "resync" } }), params: { id: "b1" }, context: {} })) as Response;
    expect(foreign.status).toBe(404);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { worklistItemAudit } from "~/data/worklist.server";
import { TEST_APP } from "~/testing/shopify-requests";
import { adminRequest, installTestShop } from "~/routes/__fixtures__/admin-requests";
import { action, loader } from "~/routes/app.worklist";
import { recordInquiry } from "~/services/wismo/capture.server";
import { refreshWorklist } from "./worklist.server";
import { loader as exportLoader } from "~/routes/app.worklist.export";

const OTHER = "other-worklist-shop.myshopify.com";
const call = <T>(fn: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => T, request: Request) => fn({ request, params: {}, context: {} });
const load = (query = "") => call(loader, adminRequest(`/app/worklist${query}`));
const post = (form: Record<string, string>) => call(action, adminRequest("/app/worklist", { form }));
const HOUR = 3_600_000;

async function shipment(id: string, shopDomain: string, data: Record<string, unknown>) {
  await database().db.shipment.create({
    data: {
      id,
      shopDomain,
      orderId: `gid://shopify/Order/${id.replace(/\D/g, "") || "9"}`,
      orderName: `#${id}`,
      fulfillmentId: `gid://shopify/Fulfillment/${id}`,
      trackingNumber: `1Z${id}`,
      carrier: "ups",
      lastEventAt: new Date(Date.now() - 30 * HOUR),
      ...data,
    },
  });
}

/** The worklist page, the same on SQLite and Postgres. */
export function worklistContract(provider: "sqlite" | "postgres") {
  describe(`Needs attention worklist (${provider})`, () => {
    beforeEach(async () => {
      const { db } = database();
      expect(database().provider).toBe(provider);
      await db.auditEntry.deleteMany({});
      await db.inquiry.deleteMany({});
      await db.worklistItem.deleteMany({});
      await db.dispute.deleteMany({});
      await db.writeBack.deleteMany({});
      await db.shipment.deleteMany({});
      await installTestShop(db);
      await db.shop.upsert({ where: { domain: OTHER }, create: { domain: OTHER }, update: {} });
      await shipment("w1", TEST_APP.shop, { status: "in_transit", stalled: true });
      await shipment("w2", TEST_APP.shop, { status: "exception", subStatus: "address_problem" });
      await shipment("w3", TEST_APP.shop, { status: "available_for_pickup", lastEventAt: new Date(Date.now() - 7 * 24 * HOUR) });
      await shipment("w4", TEST_APP.shop, { status: "in_transit", trackingIssue: "carrier_mismatch" });
      await shipment("w5", TEST_APP.shop, { status: "delivered" });
      await shipment("x1", OTHER, { status: "exception" });
      await db.writeBack.create({
        data: { shopDomain: TEST_APP.shop, shipmentId: "w5", fulfillmentId: "gid://shopify/Fulfillment/w5", status: "delivered", shopifyStatus: "DELIVERED", happenedAt: new Date(), state: "failed", lastError: "Fulfillment does not exist." },
      });
      await db.dispute.create({
        data: { shopDomain: TEST_APP.shop, disputeId: "gid://shopify/ShopifyPaymentsDispute/1", orderId: "gid://shopify/Order/5", kind: "chargeback", reason: "product_not_received", status: "needs_response", orderKnown: true, evidenceState: "ready" },
      });
    });

    it("lists every kind of problem of this shop only, with age, SLA colour and action links", async () => {
      const page = await load();
      expect(page.items.map((item) => [item.kind, item.orderName]).sort()).toEqual(
        [
          ["dispute_open", "#w5"],
          ["exception", "#w2"],
          ["pickup_waiting", "#w3"],
          ["stalled", "#w1"],
          ["tracking_issue", "#w4"],
          ["write_back_failed", "#w5"],
        ].sort(),
      );
      expect(page.counts.unresolved).toBe(6);
      const exception = page.items.find((item) => item.kind === "exception")!;
      expect(exception).toMatchObject({ state: "open", sla: "red", age: "30 h", carrierContactUrl: "https://www.ups.com/us/en/support/file-a-claim.page" });
      expect(exception.orderUrl).toBe("https://admin.shopify.com/store/test-shop/orders/2");
      expect(page.staff).toEqual({ id: "42", name: "Staff 42" });
      expect((await load("?kind=stalled")).items.map((item) => item.orderName)).toEqual(["#w1"]);
    });

    it("assigns, changes state, notes and resolves — each change audited with who made it", async () => {
      const id = (await load("?kind=exception")).items[0]!.id;
      expect(await post({ intent: "assign", itemId: id, assignee: "me" })).toEqual({ ok: true, message: "Assigned to Staff 42" });
      expect(await post({ intent: "state", itemId: id, state: "waiting_carrier" })).toEqual({ ok: true, message: "State changed" });
      expect(await post({ intent: "note", itemId: id, note: "Asked UPS to re-attempt" })).toEqual({ ok: true, message: "Note added" });
      // This shop has no SMTP server: the email is refused, and nothing is queued.
      expect(await post({ intent: "email", itemId: id, template: "delay_apology" })).toEqual({
        ok: false,
        message: "Email is not set up: add an SMTP server under Settings → Notifications",
      });
      expect(await post({ intent: "email", itemId: id, template: "pickup_reminder" })).toEqual({ ok: false, message: "This template does not fit this item" });
      expect(await post({ intent: "state", itemId: id, state: "resolved" })).toEqual({ ok: true, message: "Marked resolved" });
      const resolved = (await load("?state=resolved")).items.find((item) => item.id === id)!;
      expect(resolved).toMatchObject({ state: "resolved", assignee: "Staff 42", assigneeId: "42", resolvedBy: "manual" });
      expect(resolved.notes.map((note) => [note.author, note.body])).toEqual([["Staff 42", "Asked UPS to re-attempt"]]);
      expect((await load("?assignee=42&state=all")).items.map((item) => item.id)).toEqual([id]);
      const audit = await worklistItemAudit(database().db, TEST_APP.shop, id);
      expect(audit.map((entry) => [entry.actor, entry.action])).toEqual([
        ["trackline", "item_create"],
        ["Staff 42", "assigned"],
        ["Staff 42", "state_changed"],
        ["Staff 42", "note_added"],
        ["Staff 42", "state_changed"],
      ]);
    });

    it("resolves itself when the parcel moves on and comes back when it stalls again", async () => {
      const stalled = (await load("?kind=stalled")).items[0]!;
      await database().db.shipment.update({ where: { id: "w1" }, data: { stalled: false, lastEventAt: new Date(Date.now() - HOUR) } });
      const after = (await load("?kind=stalled&state=all")).items.find((item) => item.id === stalled.id)!;
      expect(after).toMatchObject({ state: "resolved", resolvedBy: "auto" });
      await database().db.shipment.update({ where: { id: "w1" }, data: { stalled: true, lastEventAt: new Date(Date.now() + 1000) } });
      const back = (await load("?kind=stalled")).items.find((item) => item.id === stalled.id)!;
      expect(back).toMatchObject({ state: "open", reopenCount: 1, resolvedBy: null });
      expect((await worklistItemAudit(database().db, TEST_APP.shop, stalled.id)).map((entry) => entry.action)).toEqual(["item_create", "item_auto_resolve", "item_reopen"]);
    });

    it("cannot touch another shop's item", async () => {
      await call(loader, adminRequest("/app/worklist"));
      const { db } = database();
      const { refreshWorklist } = await import("./worklist.server");
      await refreshWorklist(db, OTHER, new Date());
      const foreign = await db.worklistItem.findFirstOrThrow({ where: { shopDomain: OTHER } });
      expect(await post({ intent: "state", itemId: foreign.id, state: "resolved" })).toEqual({ ok: false, message: "No such item" });
      expect(await post({ intent: "note", itemId: foreign.id, note: "hello" })).toEqual({ ok: false, message: "No such item" });
      expect(await post({ intent: "email", itemId: foreign.id, template: "delay_apology" })).toEqual({ ok: false, message: "No such item" });
      expect((await db.worklistItem.findUniqueOrThrow({ where: { id: foreign.id } })).state).toBe("open");
      expect(await db.worklistNote.count({ where: { itemId: foreign.id } })).toBe(0);
      expect((await load("?state=all")).items.some((item) => item.id === foreign.id)).toBe(false);
    });

    it("exports the filtered worklist as CSV", async () => {
      const id = (await load("?kind=exception")).items[0]!.id;
      await post({ intent: "note", itemId: id, note: "=HYPERLINK(\"x\")" });
      const response = await call(exportLoader, adminRequest("/app/worklist/export?kind=exception"));
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const lines = (await response.text()).trim().split("\n");
      expect(lines[0]).toBe("id,kind,state,order,shipment_id,opened_at,age,sla,assignee,reopened,resolved_by,notes,inquiry_reason,inquiry_source");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`${id},exception,open,#w2,w2,`);
      expect(lines[1]).toContain("Staff 42: =HYPERLINK");
    });

    it("saves the dispute evidence opt-in and the pickup threshold", async () => {
      expect(await post({ intent: "settings", disputeEvidenceMode: "attach", pickupAttentionDays: "10" })).toEqual({ ok: true, message: "Settings saved" });
      expect(await post({ intent: "settings", disputeEvidenceMode: "email", pickupAttentionDays: "10" })).toEqual({ ok: false, message: "Check the settings: pickup days 1–30" });
      const page = await load();
      expect(page.settings).toEqual({ disputeEvidenceMode: "attach", pickupAttentionDays: 10 });
      // Seven days at the pickup point is no longer past the threshold: that item resolves itself.
      expect(page.items.some((item) => item.kind === "pickup_waiting")).toBe(false);
    });
  
    it("puts a shopper's inquiry on the list as \"customer asked\" with its reason and source, never the message", async () => {
      const { db } = database();
      const ask = (shopDomain: string, shipmentId: string, reason: "delayed" | "damaged", source: "tracking_page" | "zendesk", at: Date) =>
        recordInquiry(db, {
          shopDomain,
          source,
          reason,
          orderId: `gid://shopify/Order/${shipmentId.replace(/\D/g, "")}`,
          shipmentId,
          externalId: source === "zendesk" ? `t-${at.getTime()}` : null,
          message: "Where is it? Call me on 555-0100, jane@example.com",
          at,
          credentialsKey: undefined,
        });
      // The threshold the settings test may have raised: five days, so w3 is on the list again.
      await db.shop.update({ where: { domain: TEST_APP.shop }, data: { pickupAttentionDays: 5 } });
      await shipment("w6", TEST_APP.shop, { status: "in_transit" });
      await ask(TEST_APP.shop, "w6", "delayed", "tracking_page", new Date(Date.now() - 2 * HOUR));
      await ask(OTHER, "x1", "delayed", "tracking_page", new Date(Date.now() - 2 * HOUR));

      const page = await load("?kind=customer_asked");
      expect(page.items.map((item) => [item.kind, item.orderName, item.shipmentId, item.state, item.inquiryReason, item.inquirySource, item.age, item.sla])).toEqual([
        ["customer_asked", "#w6", "w6", "open", "delayed", "tracking_page", "2 h", "green"],
      ]);
      expect(page.counts.byKind).toEqual({ customer_asked: 1, dispute_open: 1, exception: 1, pickup_waiting: 1, stalled: 1, tracking_issue: 1, write_back_failed: 1 });
      expect(page.counts.unresolved).toBe(7);
      const id = page.items[0]!.id;
      const stored = await db.worklistItem.findUniqueOrThrow({ where: { id } });
      expect(JSON.stringify(stored)).not.toMatch(/555-0100|jane@example\.com|Where is it/);

      // A newer inquiry with another reason and source updates the open item.
      await ask(TEST_APP.shop, "w6", "damaged", "zendesk", new Date(Date.now() - HOUR));
      expect((await load("?kind=customer_asked")).items.map((item) => [item.id, item.inquiryReason, item.inquirySource, item.age])).toEqual([[id, "damaged", "zendesk", "2 h"]]);

      // Delivered but not answered and only an hour old: it stays. Answered after the question: it resolves itself.
      await db.shipment.update({ where: { id: "w6" }, data: { status: "delivered" } });
      expect((await load("?kind=customer_asked")).items.map((item) => item.id)).toEqual([id]);
      await db.worklistItem.update({ where: { id }, data: { shopperEmailedAt: new Date(Date.now() - 30 * 60_000) } });
      expect((await load("?kind=customer_asked")).items).toEqual([]);
      expect((await load("?kind=customer_asked&state=resolved")).items.map((item) => [item.id, item.resolvedBy])).toEqual([[id, "auto"]]);

      // The shopper asks again: the item comes back with the new reason.
      await ask(TEST_APP.shop, "w6", "delayed", "tracking_page", new Date(Date.now() + 1000));
      expect((await load("?kind=customer_asked")).items.map((item) => [item.id, item.state, item.inquiryReason, item.inquirySource, item.reopenCount])).toEqual([
        [id, "open", "delayed", "tracking_page", 1],
      ]);
      const audit = await worklistItemAudit(db, TEST_APP.shop, id);
      expect(audit.map((entry) => [entry.actor, entry.action, entry.detailJson])).toEqual([
        ["trackline", "item_create", JSON.stringify({ kind: "customer_asked", reason: "delayed", source: "tracking_page" })],
        ["trackline", "item_update", JSON.stringify({ reason: "damaged", source: "zendesk" })],
        ["trackline", "item_auto_resolve", JSON.stringify({})],
        ["trackline", "item_reopen", JSON.stringify({ reason: "delayed", source: "tracking_page" })],
      ]);

      // The CSV carries the reason and source; the other shop's inquiry never shows here.
      const response = await call(exportLoader, adminRequest("/app/worklist/export?kind=customer_asked"));
      const lines = (await response.text()).trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(new RegExp(`^${id},customer_asked,open,#w6,w6,.*,delayed,tracking_page$`));
      expect((await load("?state=all")).items.filter((item) => item.kind === "customer_asked").map((item) => item.orderName)).toEqual(["#w6"]);
      await refreshWorklist(db, OTHER, new Date());
      expect((await db.worklistItem.findMany({ where: { shopDomain: OTHER, kind: "customer_asked" } })).map((item) => item.subjectId)).toEqual(["x1"]);
    });
  });
}

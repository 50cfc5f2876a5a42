import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TrackResult } from "~/carriers/adapter";
import { database } from "~/data/client.server";
import { addOptOut, claimDueNotifications, listNotifications, recordMoments, settleNotifications, type MomentRecord, type NotificationChannel } from "~/data/notifications.server";
import { createAdminGraphqlClient } from "~/shopify/graphql/admin-client";
import { createFakeAdminApi, type FakeAdminApi } from "~/testing/fake-admin-api";
import { verifyShopperLinkToken } from "~/services/shopper-links/token.server";
import { SyncEngine } from "~/services/sync/sync-engine.server";
import { hashCustomerEmail } from "~/data/identity.server";
import { recordFlowTriggerUse } from "~/data/flow-trigger-uses.server";
import { startTestSmtpServer, type TestSmtpServer } from "~/testing/smtp-server";
import { captureShopperContact } from "./contacts.server";
import { runNotificationDispatcher, type ChannelSender } from "./dispatcher.server";
import { notificationDuties } from "./notification-worker.server";
import { shipmentMessages } from "./shipment-messages.server";
import { createEmailChannel } from "./email-channel.server";
import { createFlowChannel } from "./flow-channel.server";
import { sealSmtpSettings, SMTP_POOL_CONNECTIONS } from "./smtp.server";
import { verifyUnsubscribeToken, unsubscribeKeyFrom } from "./unsubscribe-token.server";
import { orderIsHeldOut, saveMeasurementSettings } from "~/services/wismo/settings.server";

const SHOP = "notify-shop.myshopify.com";
const KEY = crypto.randomBytes(32).toString("base64");
const LINK_KEY = crypto.randomBytes(32);
const MINUTE = 60_000;
const APP_URL = "https://trackline.test";

/**
 * The notification pipeline on one database: moments recorded with the state change, the outbox
 * dispatched exactly once by racing dispatchers, shopper emails over a real SMTP server (read
 * back with mailparser), Flow triggers through the fake Admin API, and the SMTP faults.
 */
export function notificationsContract(expectedProvider: "sqlite" | "postgres") {
  let smtp: TestSmtpServer;
  let shopify: FakeAdminApi;
  let clock: number;
  const now = () => new Date(clock);

  const email = () => createEmailChannel({ db: database().db, key: KEY, appUrl: APP_URL, linkKey: LINK_KEY, now });
  const flow = () =>
    createFlowChannel({
      db: database().db,
      adminFor: async (shop) =>
        createAdminGraphqlClient({ shop, accessToken: "shpat_test", fetch: shopify.fetch, now: () => clock, sleep: async (ms) => void (clock += ms), serverRetries: 0 }),
    });
  const dispatch = (channels: Partial<Record<NotificationChannel, ChannelSender>>, extra: { owner?: string; limit?: number; concurrency?: number; maxClaims?: number; claimAheadMs?: number } = {}) => {
    const { db, provider } = database();
    return runNotificationDispatcher({ db, provider, channels, now, ...extra });
  };

  async function shop(settings: object = {}, smtpUser: string | null = null, smtpPassword: string | null = null) {
    const { db } = database();
    await db.shop.upsert({
      where: { domain: SHOP },
      create: { domain: SHOP, name: "Maple & Co", brandAccentColor: "#aa3300", brandLogoUrl: "https://cdn.example/logo.png" },
      update: {},
    });
    await db.shop.update({
      where: { domain: SHOP },
      data: {
        notificationSettingsJson: JSON.stringify({ coalesceMinutes: 0, quietHours: { startHour: 0, endHour: 0 }, ...settings }),
        smtpSealed: sealSmtpSettings(KEY, SHOP, { host: "127.0.0.1", port: smtp.port, security: "none", user: smtpUser, password: smtpPassword }),
      },
    });
  }

  async function order(index: number, contact: { email: string; firstName?: string; locale?: string } | null, status = "in_transit") {
    const { db } = database();
    const orderId = `gid://shopify/Order/${1000 + index}`;
    const shipment = await db.shipment.create({
      data: {
        shopDomain: SHOP,
        orderId,
        orderName: `#${1000 + index}`,
        fulfillmentId: `gid://shopify/Fulfillment/${5000 + index}`,
        trackingNumber: `1Z999AA1${String(index).padStart(10, "0")}`,
        carrier: "ups",
        status,
        destinationCountry: "FR",
        estimatedDeliveryAt: new Date("2026-12-09T00:00:00Z"),
        estimatedDeliveryEnd: new Date("2026-12-11T00:00:00Z"),
      },
    });
    if (contact) {
      await captureShopperContact(db, SHOP, orderId, { email: contact.email, phone: null, firstName: contact.firstName ?? null, locale: contact.locale ?? null }, KEY, now());
    }
    return shipment;
  }

  async function moment(shipment: { id: string; orderId: string; status: string }, name: string, channels: NotificationChannel[], reason: string | null = null) {
    const record: MomentRecord = {
      shopDomain: SHOP,
      subjectKey: shipment.id,
      shipmentId: shipment.id,
      orderId: shipment.orderId,
      moment: name,
      occurredAt: new Date(clock - MINUTE),
      status: shipment.status,
      reason,
      estimateAt: null,
      channels,
    };
    await recordMoments(database().db, [record], () => now(), now());
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ users: { mailer: "right-password" } });
  });
  afterAll(async () => {
    await smtp.close();
  });

  beforeEach(async () => {
    clock = Date.now();
    shopify = createFakeAdminApi({ now: () => clock });
    smtp.messages.length = 0;
    const { db } = database();
    await db.notification.deleteMany({});
    await db.shipmentMoment.deleteMany({});
    await db.shopperContact.deleteMany({});
    await db.notificationOptOut.deleteMany({});
    await db.flowTriggerUse.deleteMany({});
    await db.shipment.deleteMany({});
    await db.shop.deleteMany({});
    await shop({}, "mailer", "right-password");
  });

  describe(`notifications on ${expectedProvider}`, () => {
    it("runs on the configured provider", () => {
      expect(database().provider).toBe(expectedProvider);
    });

    it("records moments and their outbox rows in the transaction that changes the shipment (carrier push)", async () => {
      const { db, provider } = database();
      const parcel = await order(1, { email: "ana@example.com" }, "pending");
      const engine = new SyncEngine({ db, provider, owner: "push", adapters: { adapterFor: async () => null }, clock: () => clock });
      const scan = (status: "in_transit" | "exception", minutesAgo: number, country: string, description: string) => ({
        occurredAt: new Date(clock - minutesAgo * MINUTE).toISOString(),
        status,
        ...(status === "exception" ? { subStatus: "address_problem" as const } : {}),
        carrierCode: status === "exception" ? "X1" : "I",
        description,
        location: { city: "Paris", country },
      });
      const pushed = (events: ReturnType<typeof scan>[]): TrackResult => ({
        status: "found",
        raw: {},
        trackingNumber: parcel.trackingNumber,
        events,
        unmappedCodes: [],
        warnings: [],
      });
      const first = [scan("in_transit", 90, "FR", "Departed facility")];
      expect((await engine.applyPushed("ups", [pushed(first)])).updated).toBe(1);
      const second = [...first, scan("exception", 30, "FR", "Address incomplete")];
      await engine.applyPushed("ups", [pushed(second)]);
      // The same news again changes nothing: no moment twice.
      await engine.applyPushed("ups", [pushed(second)]);
      const moments = await db.shipmentMoment.findMany({ where: { shipmentId: parcel.id }, orderBy: { occurredAt: "asc" } });
      expect(moments.map((row) => [row.moment, row.status, row.reason])).toEqual([
        ["shipped", "in_transit", null],
        ["exception", "exception", "Address incomplete"],
      ]);
      const rows = await listNotifications(db, { shopDomain: SHOP });
      // Default settings: "shipped" is Shopify's email; the exception is Trackline's. Flow gets both.
      expect(rows.map((row) => `${row.moment}:${row.channel}`).sort()).toEqual(["exception:email", "exception:flow", "shipped:flow"]);
    });

    it("decides 'all parcels delivered' once, when the order's last parcel arrives", async () => {
      const { db, provider } = database();
      const first = await order(20, null, "out_for_delivery");
      const second = await db.shipment.create({
        data: { ...(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)(first), trackingNumber: "1Z999AA10123456784", fulfillmentId: "gid://shopify/Fulfillment/9020" },
      });
      const engine = new SyncEngine({ db, provider, owner: "push", adapters: { adapterFor: async () => null }, clock: () => clock });
      const delivered = (trackingNumber: string): TrackResult => ({
        status: "found",
        raw: {},
        trackingNumber,
        events: [{ occurredAt: new Date(clock - MINUTE).toISOString(), status: "delivered", carrierCode: "D", description: "Delivered", location: { country: "FR" } }],
        unmappedCodes: [],
        warnings: [],
      });
      await engine.applyPushed("ups", [delivered(first.trackingNumber)]);
      expect(await db.shipmentMoment.count({ where: { moment: "all_delivered" } })).toBe(0);
      await engine.applyPushed("ups", [delivered(second.trackingNumber)]);
      await engine.applyPushed("ups", [delivered(second.trackingNumber)]);
      const moments = await db.shipmentMoment.findMany({ where: { orderId: first.orderId }, orderBy: { createdAt: "asc" } });
      expect(moments.map((row) => [row.moment, row.shipmentId])).toEqual([
        ["delivered", first.id],
        ["delivered", second.id],
        ["all_delivered", null],
      ]);
      const flows = await listNotifications(db, { shopDomain: SHOP, channels: ["flow"] });
      expect(flows.map((row) => row.moment).sort()).toEqual(["all_delivered", "delivered", "delivered"]);
    });

    it("sends each message exactly once with four dispatchers racing (email over SMTP and Flow triggers)", async () => {
      for (let index = 0; index < 24; index++) {
        const parcel = await order(index, { email: `shopper${index}@example.com` });
        await moment(parcel, "exception", ["email", "flow"], "Damaged");
      }
      const channels = () => ({ email: email(), flow: flow() });
      const reports = await Promise.all(["a", "b", "c", "d"].map((owner) => dispatch(channels(), { owner, limit: 8 })));
      const rest = await dispatch(channels(), { owner: "e", limit: 100 });
      const sent = reports.reduce((sum, report) => sum + report.sent, 0) + rest.sent;
      expect(sent).toBe(48);
      expect(reports.reduce((sum, report) => sum + report.lostLease, 0)).toBe(0);
      const recipients = smtp.messages.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text);
      expect(recipients.sort()).toEqual(Array.from({ length: 24 }, (_, index) => `shopper${index}@example.com`).sort());
      expect(shopify.flowTriggers).toHaveLength(24);
      expect(new Set(shopify.flowTriggers.map((trigger) => trigger.payload.order_id)).size).toBe(24);
      const rows = await listNotifications(database().db, { shopDomain: SHOP });
      expect(rows.every((row) => row.state === "sent" && row.attempts === 1)).toBe(true);
      expect(await dispatch(channels())).toMatchObject({ claimed: 0 });
    });

    it("sends a pass's emails several at once over the shop's pooled SMTP connections, reused from pass to pass", async () => {
      for (let index = 0; index < 20; index++) {
        const parcel = await order(index, { email: `pool${index}@example.com` });
        await moment(parcel, "exception", ["email"], "Damaged");
      }
      const channel = email();
      const before = smtp.connections;
      let inFlight = 0;
      let most = 0;
      const counting: ChannelSender = {
        coalesces: true,
        async send(message) {
          most = Math.max(most, ++inFlight);
          try {
            return await channel.send(message);
          } finally {
            inFlight -= 1;
          }
        },
      };
      expect(await dispatch({ email: counting }, { limit: 100 })).toMatchObject({ claimed: 20, sent: 20, lostLease: 0 });
      expect(most).toBe(16);
      const opened = smtp.connections - before;
      expect(opened).toBeGreaterThanOrEqual(1);
      expect(opened).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
      for (let index = 20; index < 25; index++) {
        const parcel = await order(index, { email: `pool${index}@example.com` });
        await moment(parcel, "exception", ["email"], "Damaged");
      }
      expect(await dispatch({ email: counting }, { limit: 100 })).toMatchObject({ claimed: 5, sent: 5 });
      expect(smtp.connections - before).toBe(opened);
      expect(smtp.messages).toHaveLength(25);
      channel.close();
    });

    it("drains a backlog in one worker round, pass after pass, not one batch per round", async () => {
      for (let index = 0; index < 12; index++) {
        const parcel = await order(index, { email: `backlog${index}@example.com` });
        await moment(parcel, "exception", ["email"], "Damaged");
      }
      const { db, provider } = database();
      const duties = notificationDuties({ db, provider, owner: "worker", key: KEY, appUrl: APP_URL, linkKey: LINK_KEY, limit: 5 });
      expect(await duties.dispatch()).toMatchObject({ claimed: 12, sent: 12 });
      expect(smtp.messages).toHaveLength(12);
      expect(await duties.dispatch()).toMatchObject({ claimed: 0 });
      duties.close();
    });

    it("claims the next batch of a backlog while the last messages of one are sent, up to maxClaims and claimAheadMs in one run", async () => {
      for (let index = 0; index < 17; index++) {
        const parcel = await order(index, { email: `ahead${index}@example.com` });
        await moment(parcel, "exception", ["email"], "Damaged");
      }
      const channel = email();
      expect(await dispatch({ email: channel }, { limit: 5, claimAheadMs: 0 })).toMatchObject({ claimed: 5, sent: 5 });
      expect(await dispatch({ email: channel }, { limit: 5, maxClaims: 2 })).toMatchObject({ claimed: 10, sent: 10, lostLease: 0 });
      expect(smtp.messages).toHaveLength(15);
      expect(await dispatch({ email: channel }, { limit: 5 })).toMatchObject({ claimed: 2, sent: 2 });
      expect(smtp.messages).toHaveLength(17);
      const rows = await listNotifications(database().db, { shopDomain: SHOP });
      expect(rows.map((row) => [row.state, row.attempts])).toEqual(Array.from({ length: 17 }, () => ["sent", 1]));
      channel.close();
    });

    it("records a batch of outcomes exactly: sent with the rows they carried, failed, retried, and nothing where the lease was lost", async () => {
      const parcels: Awaited<ReturnType<typeof order>>[] = [];
      for (let index = 0; index < 5; index++) parcels.push(await order(index, { email: `settle${index}@example.com` }));
      for (const parcel of parcels) await moment(parcel, "arrived_in_country", ["email"]);
      clock += 1000;
      for (const parcel of [parcels[0]!, parcels[3]!]) {
        await moment(parcel, "customs_hold", ["email"]);
        await moment(parcel, "customs_cleared", ["email"]);
      }
      const { db, provider } = database();
      const claimed = await claimDueNotifications(db, provider, { owner: "batch", now: now(), leaseMs: 2 * MINUTE, limit: 10, channels: ["email"] });
      expect(claimed).toHaveLength(9);
      const ofOrder = (index: number) => claimed.filter((row) => row.orderId === parcels[index]!.orderId).map((row) => row.id);
      const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(ofOrder) as [string[], string[], string[], string[], string[]];
      // Another dispatcher took over order 2's row and the first row of order 3's message (their leases had run out).
      await db.notification.updateMany({ where: { id: { in: [c[0]!, d[0]!] } }, data: { leaseOwner: "someone-else" } });
      const sentAt = new Date(clock + 5000);
      const kept = await settleNotifications(
        db,
        provider,
        "batch",
        [
          { kind: "sent", ids: a, providerId: "<a@notifications.trackline>", now: sentAt },
          { kind: "failed", ids: b, error: "SMTP 554: 5.7.1 Message rejected by policy" },
          { kind: "sent", ids: c, providerId: "<c@notifications.trackline>", now: sentAt },
          { kind: "sent", ids: d, providerId: "<d@notifications.trackline>", now: sentAt },
          { kind: "retry", ids: e, error: "SMTP 451", nextAttemptAt: new Date(clock + MINUTE), possibleDuplicate: true },
        ],
        now(),
      );
      expect(kept).toEqual([3, 1, 0, 0, 1]);
      const rows = new Map((await listNotifications(db, { shopDomain: SHOP })).map((row) => [row.id, row]));
      const facts = (id: string) => {
        const row = rows.get(id)!;
        return [row.state, row.carriedBy, row.providerId, row.sentAt?.getTime() ?? null, row.possibleDuplicates];
      };
      expect(a.map(facts)).toEqual([
        ["sent", null, "<a@notifications.trackline>", sentAt.getTime(), 0],
        ["coalesced", a[0], "<a@notifications.trackline>", sentAt.getTime(), 0],
        ["coalesced", a[0], "<a@notifications.trackline>", sentAt.getTime(), 0],
      ]);
      expect(b.map(facts)).toEqual([["failed", null, null, null, 0]]);
      expect(rows.get(b[0]!)?.lastError).toBe("SMTP 554: 5.7.1 Message rejected by policy");
      // Lost leases: nothing recorded, for the message's own row nor for the rows it would have carried.
      expect([...c, ...d].map(facts)).toEqual([c[0], ...d].map(() => ["sending", null, null, null, 0]));
      expect(e.map(facts)).toEqual([["pending", null, null, null, 1]]);
      expect(rows.get(e[0]!)?.nextAttemptAt.getTime()).toBe(clock + MINUTE);
    });

    it("puts messages back untried when the lease runs short before their turn, and records nothing for a lease lost meanwhile", async () => {
      const parcels = [];
      for (let index = 0; index < 3; index++) {
        parcels.push(await order(index, { email: `lease${index}@example.com` }));
        await moment(parcels[index]!, "exception", ["email"]);
      }
      const sentTo: string[] = [];
      let calls = 0;
      const slow: ChannelSender = {
        coalesces: true,
        async send(message) {
          calls += 1;
          sentTo.push(message.rows[0]!.orderId);
          if (calls === 1) {
            // Another dispatcher took this row over (its lease had run out) while it was being sent.
            await database().db.notification.updateMany({ where: { id: message.rows[0]!.id }, data: { leaseOwner: "someone-else" } });
          }
          // The send took most of the lease: the rest of the pass must wait for the next one.
          clock += 90_000;
          return { kind: "sent", providerId: `sent-${calls}` };
        },
      };
      const report = await dispatch({ email: slow }, { owner: "slow", limit: 10, concurrency: 1 });
      expect(report).toMatchObject({ claimed: 3, sent: 0, lostLease: 1 });
      expect(calls).toBe(1);
      const rows = await listNotifications(database().db, { shopDomain: SHOP });
      const byOrder = new Map(rows.map((row) => [row.orderId, row]));
      expect(byOrder.get(sentTo[0]!)).toMatchObject({ state: "sending", providerId: null });
      const untried = rows.filter((row) => row.orderId !== sentTo[0]);
      expect(untried.map((row) => [row.state, row.attempts, row.lastError])).toEqual([
        ["pending", 0, null],
        ["pending", 0, null],
      ]);
      const quick: ChannelSender = { coalesces: true, send: async () => ({ kind: "sent", providerId: "quick" }) };
      expect(await dispatch({ email: quick }, { owner: "next", limit: 10 })).toMatchObject({ claimed: 2, sent: 2 });
      const sent = await listNotifications(database().db, { shopDomain: SHOP, states: ["sent"] });
      expect(sent.map((row) => [row.providerId, row.attempts])).toEqual([
        ["quick", 1],
        ["quick", 1],
      ]);
    });

    it("sends no shopper notice for orders in the WISMO holdout, and still fires the merchant's Flow triggers", async () => {
      await saveMeasurementSettings(database().db, SHOP, { holdoutEnabled: true, holdoutPercent: 50, keepMessages: false }, { credentialsKey: undefined, now: now() });
      const held: boolean[] = [];
      for (let index = 0; index < 12; index++) {
        const parcel = await order(index, { email: `holdout${index}@example.com` });
        await moment(parcel, "exception", ["email", "flow"], "Damaged");
        held.push(await orderIsHeldOut(database().db, SHOP, parcel.orderId));
      }
      // A 50 % holdout over 12 orders: both groups are represented (deterministic by order id).
      expect(held.some(Boolean) && !held.every(Boolean)).toBe(true);
      const report = await dispatch({ email: email(), flow: flow() }, { limit: 100 });
      const heldCount = held.filter(Boolean).length;
      expect(report).toMatchObject({ skipped: heldCount, sent: 12 + (12 - heldCount) });
      const recipients = smtp.messages.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text).sort();
      expect(recipients).toEqual(held.flatMap((isHeld, index) => (isHeld ? [] : [`holdout${index}@example.com`])).sort());
      expect(shopify.flowTriggers).toHaveLength(12);
      const skipped = await listNotifications(database().db, { shopDomain: SHOP, states: ["skipped"] });
      expect(skipped.map((row) => [row.channel, row.lastError])).toEqual(Array.from({ length: heldCount }, () => ["email", "order held out of proactive notices (WISMO holdout)"]));
    });

    it("writes a branded, localized email with the signed tracking link and one-click unsubscribe", async () => {
      const parcel = await order(1, { email: "min@example.kr", firstName: "Min-jun", locale: "ko-KR" });
      await moment(parcel, "exception", ["email"], "Address incomplete");
      expect(await dispatch({ email: email() })).toMatchObject({ sent: 1 });
      const [mail] = smtp.messages;
      expect(mail?.subject).toBe("주문 #1001 배송에 문제가 발생했습니다");
      expect(mail?.from?.text).toBe('"Maple & Co" <no-reply@notify-shop.myshopify.com>');
      expect(mail?.text).toContain("Min-jun 님, 안녕하세요.");
      expect(mail?.text).toContain("택배사 안내: Address incomplete");
      expect(mail?.html).toContain("#aa3300");
      expect(mail?.html).toContain('src="https://cdn.example/logo.png"');
      expect(mail?.headerLines.find((line) => line.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      const unsubscribe = mail?.headerLines.find((line) => line.key === "list-unsubscribe")?.line ?? "";
      const token = new URL(/<([^>]+)>/.exec(unsubscribe)?.[1] ?? "").searchParams.get("t") ?? "";
      expect(verifyUnsubscribeToken(token, unsubscribeKeyFrom(LINK_KEY))).toEqual({ shop: SHOP, orderId: parcel.orderId, emailHash: hashCustomerEmail("min@example.kr") });
      const link = /https:\/\/notify-shop\.myshopify\.com\/apps\/track\?t=([^&"]+)&amp;src=email/.exec(mail?.html || "");
      const check = verifyShopperLinkToken(decodeURIComponent(link?.[1] ?? ""), LINK_KEY, now());
      expect(check).toMatchObject({ ok: true, claims: { shop: SHOP, shipmentId: parcel.id } });
      expect(mail?.messageId).toMatch(/@notifications\.trackline>$/);
    });

    it("coalesces moments of one order into one message headed by the most consequential", async () => {
      const parcel = await order(2, { email: "zoe@example.fr", locale: "fr" });
      await moment(parcel, "arrived_in_country", ["email"]);
      clock += 1000;
      await moment(parcel, "customs_hold", ["email"]);
      expect(await dispatch({ email: email() })).toMatchObject({ sent: 1, coalesced: 1 });
      expect(smtp.messages.map((mail) => mail.subject)).toEqual(["Votre commande #1002 est en douane"]);
      expect(smtp.messages[0]?.text).toContain("Également : Votre commande #1002 est arrivée dans votre pays");
      const rows = await listNotifications(database().db, { shopDomain: SHOP });
      expect(rows.map((row) => row.state).sort()).toEqual(["coalesced", "sent"]);
      // The shipment page lists both, newest first.
      const shown = await shipmentMessages(database().db, SHOP, parcel.id);
      expect(shown.map((entry) => [entry.channel, entry.moment, entry.state])).toEqual([
        ["email", "customs_hold", "coalesced"],
        ["email", "arrived_in_country", "sent"],
      ]);
    });

    it("retries an SMTP 4xx with backoff and records a 5xx as a permanent failure", async () => {
      const parcel = await order(3, { email: "a@example.com" });
      await moment(parcel, "delayed", ["email"]);
      smtp.fail("4xx");
      expect(await dispatch({ email: email() })).toMatchObject({ retried: 1, sent: 0 });
      let [row] = await listNotifications(database().db, { shopDomain: SHOP });
      expect(row).toMatchObject({ state: "pending", attempts: 1 });
      expect(row?.lastError).toMatch(/SMTP 451/);
      expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(clock + MINUTE);
      clock += 2 * MINUTE;
      expect(await dispatch({ email: email() })).toMatchObject({ sent: 1 });
      expect(smtp.messages).toHaveLength(1);

      const other = await order(4, { email: "b@example.com" });
      await moment(other, "delayed", ["email"]);
      smtp.fail("5xx");
      expect(await dispatch({ email: email() })).toMatchObject({ failed: 1 });
      [row] = await listNotifications(database().db, { shopDomain: SHOP, orderIds: [other.orderId] });
      expect(row).toMatchObject({ state: "failed" });
      expect(row?.lastError).toMatch(/SMTP 554/);
      clock += 120 * MINUTE;
      expect(await dispatch({ email: email() })).toMatchObject({ claimed: 0 });
    });

    it("retries a connection dropped after the message was handed over, and counts the possible duplicate", async () => {
      const parcel = await order(5, { email: "c@example.com" });
      await moment(parcel, "exception", ["email"]);
      smtp.fail("drop_after_data");
      expect(await dispatch({ email: email() })).toMatchObject({ retried: 1, possibleDuplicates: 1 });
      clock += 2 * MINUTE;
      expect(await dispatch({ email: email() })).toMatchObject({ sent: 1 });
      const [row] = await listNotifications(database().db, { shopDomain: SHOP });
      expect(row).toMatchObject({ state: "sent", attempts: 2, possibleDuplicates: 1 });
      expect(smtp.received).toBeGreaterThanOrEqual(2);
    });

    it("says clearly when the SMTP credentials are wrong, and skips invalid or refused addresses and opted-out shoppers", async () => {
      await shop({}, "mailer", "wrong-password");
      const parcel = await order(6, { email: "d@example.com" });
      await moment(parcel, "exception", ["email"]);
      expect(await dispatch({ email: email() })).toMatchObject({ retried: 1 });
      const [row] = await listNotifications(database().db, { shopDomain: SHOP });
      expect(row?.lastError).toMatch(/SMTP login refused — check the user name and password/);

      await shop({}, "mailer", "right-password");
      const invalid = await order(7, { email: "not-an-address" });
      await moment(invalid, "exception", ["email"]);
      const refused = await order(8, { email: "gone@example.com" });
      await moment(refused, "exception", ["email"]);
      const optedOut = await order(9, { email: "quiet@example.com" });
      await moment(optedOut, "exception", ["email"]);
      await addOptOut(database().db, SHOP, hashCustomerEmail("quiet@example.com"), null, now());
      const none = await order(10, null);
      await moment(none, "exception", ["email"]);
      smtp.fail("reject_recipient");
      const report = await dispatch({ email: email() }, { limit: 10 });
      expect(report.skipped).toBe(4);
      const reasons = (await listNotifications(database().db, { shopDomain: SHOP, states: ["skipped"] })).map((entry) => entry.lastError).sort();
      expect(reasons).toEqual([
        expect.stringMatching(/^invalid email address: recipient refused: .*550/),
        "invalid or missing email address",
        "no contact details for this order (not captured, or erased after the retention period)",
        "the shopper stopped tracking emails",
      ].sort());
      expect(smtp.messages).toHaveLength(0);
    });

    it("skips a Flow trigger once Flow said no enabled workflow uses it, and fires triggers Flow never reported on", async () => {
      const { db } = database();
      const reported = (triggerHandle: string, hasEnabledFlow: boolean, at: number) =>
        recordFlowTriggerUse(db, { shopDomain: SHOP, triggerHandle, hasEnabledFlow, reportedAt: new Date(at) });
      expect(await reported("trackline-shipment-delivered", false, clock - MINUTE)).toBe("recorded");
      expect(await reported("trackline-shipment-exception", true, clock - MINUTE)).toBe("recorded");
      // An older callback arriving late changes nothing.
      expect(await reported("trackline-shipment-exception", false, clock - 2 * MINUTE)).toBe("stale");
      // The same trigger in another shop is that shop's business.
      await recordFlowTriggerUse(db, { shopDomain: "other-shop.myshopify.com", triggerHandle: "trackline-status-changed", hasEnabledFlow: false, reportedAt: new Date(clock) });
      const delivered = await order(21, null, "delivered");
      await moment(delivered, "delivered", ["flow"]);
      const failed = await order(22, null, "exception");
      await moment(failed, "exception", ["flow"]);
      const moving = await order(23, null, "in_transit");
      await moment(moving, "customs_cleared", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ claimed: 3, sent: 2, skipped: 1, failed: 0, retried: 0 });
      expect(shopify.flowTriggers.map((trigger) => trigger.handle).sort()).toEqual(["trackline-shipment-exception", "trackline-status-changed"]);
      const rows = await listNotifications(db, { shopDomain: SHOP, channels: ["flow"] });
      expect(rows.map((row) => `${row.orderId} ${row.moment} ${row.state} ${row.lastError ?? ""}`).sort()).toEqual([
        `${delivered.orderId} delivered skipped no workflow uses this trigger`,
        `${failed.orderId} exception sent `,
        `${moving.orderId} customs_cleared sent `,
      ]);
      // The merchant turns a workflow on: the next delivered parcel fires its trigger.
      expect(await reported("trackline-shipment-delivered", true, clock)).toBe("recorded");
      const next = await order(24, null, "delivered");
      await moment(next, "delivered", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ claimed: 1, sent: 1, skipped: 0 });
      expect(shopify.flowTriggers.at(-1)).toEqual({ handle: "trackline-shipment-delivered", payload: expect.objectContaining({ order_id: 1024, moment: "delivered" }) });
    });

    it("fires Flow triggers with the order reference and shipment facts, and records Flow's refusals", async () => {
      const parcel = await order(11, null, "delivered");
      await moment(parcel, "delivered", ["flow"]);
      clock += 1000;
      await moment(parcel, "customs_cleared", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ sent: 2 });
      expect(shopify.flowTriggers).toEqual([
        {
          handle: "trackline-shipment-delivered",
          payload: expect.objectContaining({ order_id: 1011, status: "delivered", "tracking number": parcel.trackingNumber, carrier: "ups", moment: "delivered" }),
        },
        { handle: "trackline-status-changed", payload: expect.objectContaining({ order_id: 1011, moment: "customs_cleared" }) },
      ]);
      shopify = createFakeAdminApi({ now: () => clock, flowTriggerHandles: new Set(["trackline-status-changed"]) });
      const other = await order(12, null, "exception");
      await moment(other, "exception", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ failed: 1 });
      const [row] = await listNotifications(database().db, { shopDomain: SHOP, orderIds: [other.orderId] });
      expect(row?.lastError).toBe("Flow refused trackline-shipment-exception: Invalid handle");
      // Throttled past the Admin client's own waits: retried by the outbox, then fired once.
      shopify.fail("TracklineFlowTriggerReceive", "throttled", "throttled", "throttled", "throttled", "throttled", "throttled");
      const throttledParcel = await order(14, null, "exception");
      await moment(throttledParcel, "customs_cleared", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
      expect(shopify.throttled.filter((name) => name === "TracklineFlowTriggerReceive")).toHaveLength(6);
      let [throttledRow] = await listNotifications(database().db, { shopDomain: SHOP, orderIds: [throttledParcel.orderId] });
      expect(throttledRow).toMatchObject({ state: "pending", attempts: 1 });
      expect(throttledRow?.lastError).toMatch(/throttl/i);
      const triggersBefore = shopify.flowTriggers.length;
      clock += 2 * MINUTE;
      expect(await dispatch({ flow: flow() })).toMatchObject({ claimed: 1, sent: 1 });
      expect(shopify.flowTriggers.slice(triggersBefore).map((trigger) => trigger.handle)).toEqual(["trackline-status-changed"]);
      [throttledRow] = await listNotifications(database().db, { shopDomain: SHOP, orderIds: [throttledParcel.orderId] });
      expect(throttledRow).toMatchObject({ state: "sent", attempts: 2 });
      shopify.fail("TracklineFlowTriggerReceive", "http_500");
      const third = await order(13, null, "exception");
      await moment(third, "stalled", ["flow"]);
      expect(await dispatch({ flow: flow() })).toMatchObject({ retried: 1 });
    });
  });
}

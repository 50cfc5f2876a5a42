import { Prisma } from "./generated/sqlite/client";
import type { Db, DbProvider } from "./db.server";
import { executeStatement } from "./transaction-sql.server";
import { dateOf, placeholders, rawReaderOf, type RawReader } from "./raw-reads.server";
import type { DirectSql } from "./sync-writes.server";

/** Prisma caps bound parameters per statement (999 on SQLite): long id lists go in parts. */
function idChunks<T>(ids: readonly T[], size = 500): T[][] {
  const parts: T[][] = [];
  for (let index = 0; index < ids.length; index += size) parts.push(ids.slice(index, index + size));
  return parts;
}

/** The root client or an interactive transaction's client: moments are recorded inside the state change's transaction. */
export type DbOrTx = Db | Prisma.TransactionClient;

/** Shopper channels, the merchant's own automations, and alerts to the merchant's team ("merchant"). */
export type NotificationChannel = "email" | "sms" | "flow" | "klaviyo" | "merchant";

/** A moment the services decided, with the channels it goes to and when each may go out. */
export interface MomentRecord {
  shopDomain: string;
  /** Shipment id, or `order:<orderId>` for order-level moments. */
  subjectKey: string;
  shipmentId: string | null;
  orderId: string;
  moment: string;
  occurredAt: Date;
  status: string;
  reason: string | null;
  estimateAt: Date | null;
  channels: readonly NotificationChannel[];
}

/**
 * When a channel's message may go out, given the open (still waiting) group of the same order
 * and channel: the services apply coalescing and quiet hours here.
 */
export type DueAtPlanner = (record: MomentRecord, channel: NotificationChannel, openGroupDueAt: Date | null) => Date;

export const orderSubject = (orderId: string) => `order:${orderId}`;

/**
 * Moments already recorded per subject (shipment id or order subject). On the root client (the
 * sync pass reads a whole batch's before deciding) a prepared read on the reading connection, which
 * sees the last commit as the ORM's read would; inside a transaction, through its client.
 */
export async function recordedMoments(db: DbOrTx, shopDomain: string | null, subjectKeys: string[]): Promise<Map<string, Set<string>>> {
  const bySubject = new Map<string, Set<string>>(subjectKeys.map((key) => [key, new Set()]));
  const reader = preparedReaderOf(db);
  for (const part of idChunks(subjectKeys)) {
    const rows = reader
      ? (
          await reader.all(
            `SELECT "subjectKey", "moment" FROM "ShipmentMoment" WHERE "subjectKey" IN (${placeholders(part.length)})${shopDomain ? ` AND "shopDomain" = ?` : ""}`,
            shopDomain ? [...part, shopDomain] : part,
          )
        ).map((row) => ({ subjectKey: String(row.subjectKey), moment: String(row.moment) }))
      : await db.shipmentMoment.findMany({
          where: { subjectKey: { in: part }, ...(shopDomain ? { shopDomain } : {}) },
          select: { subjectKey: true, moment: true },
        });
    for (const row of rows) bySubject.get(row.subjectKey)?.add(row.moment);
  }
  return bySubject;
}

/** recordedMoments read on a SQLite transaction's own connection (the sync's write transaction). */
export function recordedMomentsOn(direct: DirectSql, shopDomain: string, subjectKeys: string[]): Map<string, Set<string>> {
  const bySubject = new Map<string, Set<string>>(subjectKeys.map((key) => [key, new Set()]));
  for (const part of idChunks(subjectKeys)) {
    const rows = direct.all(`SELECT "subjectKey", "moment" FROM "ShipmentMoment" WHERE "subjectKey" IN (${placeholders(part.length)}) AND "shopDomain" = ?`, [...part, shopDomain]);
    for (const row of rows) bySubject.get(String(row.subjectKey))?.add(String(row.moment));
  }
  return bySubject;
}

/** The client's prepared reader; null for a transaction's client (or one without a reader). */
function preparedReaderOf(db: DbOrTx): RawReader | null {
  try {
    return rawReaderOf(db);
  } catch {
    return null;
  }
}

/** A moment as its row's columns (shared with the sync's batched insert). */
export function momentRow(record: MomentRecord, now: Date) {
  return {
    shopDomain: record.shopDomain,
    subjectKey: record.subjectKey,
    shipmentId: record.shipmentId,
    orderId: record.orderId,
    moment: record.moment,
    occurredAt: record.occurredAt,
    status: record.status,
    reason: record.reason?.slice(0, 500) ?? null,
    estimateAt: record.estimateAt,
    createdAt: now,
  };
}

/**
 * Records moments and their outbox rows. Idempotent: a (shop, subject, moment) already recorded
 * is skipped (the unique index guards racing writers too), so a moment is never sent twice.
 * Returns how many moments were new.
 */
export async function recordMoments(db: DbOrTx, records: readonly MomentRecord[], dueAt: DueAtPlanner, now: Date): Promise<number> {
  let created = 0;
  for (const record of records) {
    const existing = await db.shipmentMoment.findUnique({
      where: { shopDomain_subjectKey_moment: { shopDomain: record.shopDomain, subjectKey: record.subjectKey, moment: record.moment } },
      select: { id: true },
    });
    if (existing) continue;
    const moment = await db.shipmentMoment.create({ data: momentRow(record, now), select: { id: true } });
    created += 1;
    for (const channel of record.channels) {
      const open = await db.notification.findFirst({
        where: { shopDomain: record.shopDomain, orderId: record.orderId, channel, state: "pending", nextAttemptAt: { gt: now }, attempts: 0 },
        orderBy: { nextAttemptAt: "asc" },
        select: { nextAttemptAt: true },
      });
      await db.notification.create({
        data: {
          shopDomain: record.shopDomain,
          momentId: moment.id,
          orderId: record.orderId,
          shipmentId: record.shipmentId,
          channel,
          moment: record.moment,
          nextAttemptAt: dueAt(record, channel, open?.nextAttemptAt ?? null),
          createdAt: now,
        },
      });
    }
  }
  return created;
}

/** The parcels of some orders, for order-level moments (all parcels delivered). */
export async function orderParcels(db: DbOrTx, shopDomain: string, orderIds: string[]) {
  const rows = await db.shipment.findMany({
    where: { shopDomain, orderId: { in: orderIds } },
    select: { id: true, orderId: true, status: true, trackingStoppedAt: true, deliveredAt: true },
  });
  const byOrder = new Map<string, typeof rows>();
  for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
  return byOrder;
}

/** orderParcels read on a SQLite transaction's own connection (the sync's write transaction). */
export function orderParcelsOn(direct: DirectSql, shopDomain: string, orderIds: string[]): Map<string, OrderParcel[]> {
  const byOrder = new Map<string, OrderParcel[]>();
  for (const part of idChunks(orderIds)) {
    const rows = direct.all(
      `SELECT "id", "orderId", "status", "trackingStoppedAt", "deliveredAt" FROM "Shipment" WHERE "shopDomain" = ? AND "orderId" IN (${placeholders(part.length)})`,
      [shopDomain, ...part],
    );
    for (const row of rows) {
      const parcel: OrderParcel = {
        id: String(row.id),
        orderId: String(row.orderId),
        status: String(row.status),
        trackingStoppedAt: dateOf(row.trackingStoppedAt),
        deliveredAt: dateOf(row.deliveredAt),
      };
      byOrder.set(parcel.orderId, [...(byOrder.get(parcel.orderId) ?? []), parcel]);
    }
  }
  return byOrder;
}

export interface OrderParcel {
  id: string;
  orderId: string;
  status: string;
  trackingStoppedAt: Date | null;
  deliveredAt: Date | null;
}

/** A leased outbox row with what the channel needs to send it. */
export interface ClaimedNotification {
  id: string;
  shopDomain: string;
  orderId: string;
  shipmentId: string | null;
  channel: NotificationChannel;
  moment: string;
  attempts: number;
  possibleDuplicates: number;
  createdAt: Date;
  occurredAt: Date;
  status: string;
  reason: string | null;
  estimateAt: Date | null;
}

export interface NotificationClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  channels?: readonly NotificationChannel[];
  shopDomain?: string;
}

const due = (now: Date) => ({
  OR: [
    { state: "pending", nextAttemptAt: { lte: now } },
    { state: "sending", leaseUntil: { lt: now } },
  ],
});

/**
 * Leases due outbox rows to one dispatcher, whole order groups at a time: once a row of an
 * (order, channel) is taken, the other due rows of that group come with it, so moments coalesced
 * into one message are sent together. Rows of a group another dispatcher is sending are left
 * alone. Postgres: `FOR UPDATE SKIP LOCKED`; SQLite: a compare-and-set UPDATE per row, so a lease
 * is never granted twice.
 */
export async function claimDueNotifications(db: Db, provider: DbProvider, options: NotificationClaimOptions): Promise<ClaimedNotification[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const channels = options.channels ? [...options.channels] : null;
  let ids: string[];
  if (provider === "postgres") {
    const shopFilter = options.shopDomain ?? null;
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "Notification"
      SET "state" = 'sending', "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${options.owner},
          "attempts" = "attempts" + 1, "updatedAt" = ${options.now}
      WHERE "id" IN (
        SELECT n."id" FROM "Notification" n
        WHERE ((n."state" = 'pending' AND n."nextAttemptAt" <= ${options.now})
            OR (n."state" = 'sending' AND n."leaseUntil" < ${options.now}))
          AND (${shopFilter}::text IS NULL OR n."shopDomain" = ${shopFilter})
          AND (${channels === null} OR n."channel" = ANY(${channels ?? []}::text[]))
          AND NOT EXISTS (
            SELECT 1 FROM "Notification" o
            WHERE o."shopDomain" = n."shopDomain" AND o."orderId" = n."orderId" AND o."channel" = n."channel"
              AND o."id" <> n."id" AND o."state" = 'sending' AND o."leaseUntil" >= ${options.now})
        ORDER BY n."nextAttemptAt", n."createdAt"
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    ids = rows.map((row) => row.id);
    // The rest of each taken group (locked rows are another dispatcher's: skipped).
    if (ids.length > 0) {
      const more = await db.$queryRaw<{ id: string }[]>`
        UPDATE "Notification"
        SET "state" = 'sending', "leaseUntil" = ${leaseUntil}, "leaseOwner" = ${options.owner},
            "attempts" = "attempts" + 1, "updatedAt" = ${options.now}
        WHERE "id" IN (
          SELECT n."id" FROM "Notification" n
          JOIN "Notification" t ON t."shopDomain" = n."shopDomain" AND t."orderId" = n."orderId" AND t."channel" = n."channel"
          WHERE t."id" = ANY(${ids}::text[]) AND n."state" = 'pending' AND n."nextAttemptAt" <= ${options.now}
          FOR UPDATE OF n SKIP LOCKED
        )
        RETURNING "id"`;
      ids.push(...more.map((row) => row.id));
    }
  } else {
    const inFlight = await db.notification.findMany({
      where: { state: "sending", leaseUntil: { gte: options.now } },
      select: { shopDomain: true, orderId: true, channel: true },
      distinct: ["shopDomain", "orderId", "channel"],
    });
    const busy = new Set(inFlight.map((row) => `${row.shopDomain}|${row.orderId}|${row.channel}`));
    const candidates = await db.notification.findMany({
      where: {
        ...due(options.now),
        ...(options.shopDomain ? { shopDomain: options.shopDomain } : {}),
        ...(channels ? { channel: { in: channels } } : {}),
      },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: options.limit * 4,
      select: { id: true, shopDomain: true, orderId: true, channel: true },
    });
    // Whole groups up to the limit, then one compare-and-set UPDATE for all of them: a row another
    // dispatcher took in between no longer matches `due` and stays theirs.
    const chosen: string[] = [];
    const groups = new Set<string>();
    for (const candidate of candidates) {
      const group = `${candidate.shopDomain}|${candidate.orderId}|${candidate.channel}`;
      if (busy.has(group)) continue;
      if (!groups.has(group) && groups.size >= options.limit) continue;
      groups.add(group);
      chosen.push(candidate.id);
    }
    ids = [];
    for (const part of idChunks(chosen)) {
      const taken = await db.notification.updateMany({
        where: { id: { in: part }, ...due(options.now) },
        data: { state: "sending", leaseUntil, leaseOwner: options.owner, attempts: { increment: 1 } },
      });
      // Which of them were taken is read back below (this claim's owner and lease end).
      if (taken.count > 0) ids.push(...part);
    }
  }
  if (ids.length === 0) return [];
  const rows = [];
  for (const part of idChunks(ids)) {
    rows.push(
      ...(await db.notification.findMany({
        // This claim's rows only: the lease's end time tells them from rows this owner holds from before.
        where: { id: { in: part }, leaseOwner: options.owner, state: "sending", leaseUntil },
        include: { source: { select: { occurredAt: true, status: true, reason: true, estimateAt: true } } },
      })),
    );
  }
  return rows
    .map((row) => ({
      id: row.id,
      shopDomain: row.shopDomain,
      orderId: row.orderId,
      shipmentId: row.shipmentId,
      channel: row.channel as NotificationChannel,
      moment: row.moment,
      attempts: row.attempts,
      possibleDuplicates: row.possibleDuplicates,
      createdAt: row.createdAt,
      occurredAt: row.source.occurredAt,
      status: row.source.status,
      reason: row.source.reason,
      estimateAt: row.source.estimateAt,
    }))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
}

const held = (ids: string[], owner: string) => ({ id: { in: ids }, leaseOwner: owner, state: "sending" });
const released = { leaseUntil: null, leaseOwner: null };

/** How one message (its outbox rows) ended, for settleNotifications. */
export type NotificationSettlement =
  | { kind: "sent"; ids: string[]; providerId: string | null; now: Date; possibleDuplicate?: boolean; segments?: number }
  | { kind: "skipped"; ids: string[]; reason: string }
  | { kind: "failed"; ids: string[]; error: string }
  | { kind: "retry"; ids: string[]; error: string; nextAttemptAt: Date; possibleDuplicate?: boolean }
  /** Not attempted (the lease ran short before its turn): pending again, the attempt not counted. */
  | { kind: "released"; ids: string[] };

/** One message that was not sent (see settleSent for sent ones). */
async function settleOne(db: DbOrTx, owner: string, settlement: Exclude<NotificationSettlement, { kind: "sent" }>): Promise<number> {
  const { ids } = settlement;
  switch (settlement.kind) {
    case "skipped":
      return (await db.notification.updateMany({ where: held(ids, owner), data: { state: "skipped", lastError: settlement.reason.slice(0, 2000), ...released } })).count;
    case "failed":
      return (await db.notification.updateMany({ where: held(ids, owner), data: { state: "failed", lastError: settlement.error.slice(0, 2000), ...released } })).count;
    case "retry":
      return (
        await db.notification.updateMany({
          where: held(ids, owner),
          data: {
            state: "pending",
            nextAttemptAt: settlement.nextAttemptAt,
            lastError: settlement.error.slice(0, 2000),
            ...(settlement.possibleDuplicate ? { possibleDuplicates: { increment: 1 } } : {}),
            ...released,
          },
        })
      ).count;
    case "released":
      return (await db.notification.updateMany({ where: held(ids, owner), data: { state: "pending", attempts: { decrement: 1 }, ...released } })).count;
  }
}

type SentSettlement = Extract<NotificationSettlement, { kind: "sent" }>;

/** Instants as the database compares them: SQLite holds Prisma's text form, Postgres a timestamp. */
function instant(provider: DbProvider, date: Date): Date | string {
  return provider === "postgres" ? date : date.toISOString().replace("Z", "+00:00");
}

/** Messages per statement when recording sends: five bound values each stay under SQLite's 999. */
const SENT_PER_STATEMENT = 150;

/**
 * Records many sent messages in two statements (not two per message): first each message's own
 * row (sent, with its provider id and time) where this owner still holds it, then the rows it
 * carried (coalesced) of the messages whose own row was kept. Returns the rows kept per message,
 * as settleOne does: 0 when the message's own row was lost to another dispatcher.
 */
async function settleSent(tx: DbOrTx, provider: DbProvider, owner: string, sent: readonly SentSettlement[], now: Date): Promise<number[]> {
  const pg = provider === "postgres";
  const kept = new Map<string, number>();
  for (let start = 0; start < sent.length; start += SENT_PER_STATEMENT) {
    const part = sent.slice(start, start + SENT_PER_STATEMENT).filter((settlement) => settlement.ids.length > 0);
    if (part.length === 0) continue;
    const values = part.map((settlement) =>
      pg
        ? Prisma.sql`(${settlement.ids[0]}, ${settlement.providerId}, CAST(${settlement.now} AS TIMESTAMP(3)), CAST(${settlement.segments ?? null} AS INTEGER), CAST(${settlement.possibleDuplicate ? 1 : 0} AS INTEGER))`
        : Prisma.sql`(${settlement.ids[0]}, ${settlement.providerId}, ${instant(provider, settlement.now)}, ${settlement.segments ?? null}, ${settlement.possibleDuplicate ? 1 : 0})`,
    );
    const firsts = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      UPDATE "Notification" SET "state" = 'sent', "providerId" = "plan"."column2", "sentAt" = "plan"."column3", "lastError" = NULL,
        "segments" = COALESCE("plan"."column4", "Notification"."segments"), "possibleDuplicates" = "Notification"."possibleDuplicates" + "plan"."column5",
        "leaseUntil" = NULL, "leaseOwner" = NULL, "updatedAt" = ${instant(provider, now)}
      FROM (VALUES ${Prisma.join(values)}) AS "plan"
      WHERE "Notification"."id" = "plan"."column1" AND "Notification"."leaseOwner" = ${owner} AND "Notification"."state" = 'sending'
      RETURNING "Notification"."id"`);
    for (const { id } of firsts) kept.set(id, 1);
    const carried = part.filter((settlement) => kept.has(settlement.ids[0] as string)).flatMap((settlement) => settlement.ids.slice(1).map((id) => ({ id, settlement })));
    for (let from = 0; from < carried.length; from += 200) {
      const rows = carried.slice(from, from + 200).map(({ id, settlement }) =>
        pg
          ? Prisma.sql`(${id}, ${settlement.ids[0]}, ${settlement.providerId}, CAST(${settlement.now} AS TIMESTAMP(3)))`
          : Prisma.sql`(${id}, ${settlement.ids[0]}, ${settlement.providerId}, ${instant(provider, settlement.now)})`,
      );
      const done = await tx.$queryRaw<{ carriedBy: string }[]>(Prisma.sql`
        UPDATE "Notification" SET "state" = 'coalesced', "carriedBy" = "plan"."column2", "providerId" = "plan"."column3", "sentAt" = "plan"."column4",
          "lastError" = NULL, "leaseUntil" = NULL, "leaseOwner" = NULL, "updatedAt" = ${instant(provider, now)}
        FROM (VALUES ${Prisma.join(rows)}) AS "plan"
        WHERE "Notification"."id" = "plan"."column1" AND "Notification"."leaseOwner" = ${owner} AND "Notification"."state" = 'sending'
        RETURNING "Notification"."carriedBy"`);
      for (const { carriedBy } of done) kept.set(carriedBy, (kept.get(carriedBy) ?? 0) + 1);
    }
  }
  return sent.map((settlement) => kept.get(settlement.ids[0] as string) ?? 0);
}

/**
 * Records how several messages ended, up to 200 to a transaction (one commit for many
 * messages). Sent messages, the bulk, are written a statement for many at a time (settleSent);
 * the rest one by one. Only the lease holder's rows change; returns, per settlement, the rows
 * kept (0 when the lease was lost to another dispatcher).
 */
export async function settleNotifications(db: Db, provider: DbProvider, owner: string, settlements: readonly NotificationSettlement[], now = new Date()): Promise<number[]> {
  const kept: number[] = [];
  // Bounded transactions, with room for a busy database.
  for (let start = 0; start < settlements.length; start += 200) {
    const part = settlements.slice(start, start + 200);
    kept.push(
      ...(await db.$transaction(
        async (tx) => {
          const partKept: number[] = new Array<number>(part.length).fill(0);
          const sent = part.flatMap((settlement, index) => (settlement.kind === "sent" ? [{ settlement, index }] : []));
          const sentKept = await settleSent(
            tx,
            provider,
            owner,
            sent.map((entry) => entry.settlement),
            now,
          );
          sent.forEach((entry, position) => (partKept[entry.index] = sentKept[position] ?? 0));
          for (const [index, settlement] of part.entries()) if (settlement.kind !== "sent") partKept[index] = await settleOne(tx, owner, settlement);
          return partKept;
        },
        { maxWait: 30_000, timeout: 30_000 },
      )),
    );
  }
  return kept;
}

export interface NotificationRow {
  id: string;
  shopDomain: string;
  orderId: string;
  shipmentId: string | null;
  channel: string;
  moment: string;
  state: string;
  attempts: number;
  lastError: string | null;
  carriedBy: string | null;
  providerId: string | null;
  possibleDuplicates: number;
  sentAt: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Outbox rows for the shipment page, ops and tests. */
export async function listNotifications(
  db: Db,
  filter: { shopDomain?: string; shipmentIds?: string[]; orderIds?: string[]; states?: string[]; channels?: string[]; limit?: number },
): Promise<NotificationRow[]> {
  return db.notification.findMany({
    where: {
      ...(filter.shopDomain ? { shopDomain: filter.shopDomain } : {}),
      ...(filter.shipmentIds ? { shipmentId: { in: filter.shipmentIds } } : {}),
      ...(filter.orderIds ? { orderId: { in: filter.orderIds } } : {}),
      ...(filter.states ? { state: { in: filter.states } } : {}),
      ...(filter.channels ? { channel: { in: filter.channels } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(filter.limit ?? 200, 1), 5000),
    select: {
      id: true,
      shopDomain: true,
      orderId: true,
      shipmentId: true,
      channel: true,
      moment: true,
      state: true,
      attempts: true,
      lastError: true,
      carriedBy: true,
      providerId: true,
      possibleDuplicates: true,
      sentAt: true,
      nextAttemptAt: true,
      createdAt: true,
    },
  });
}

/**
 * Reserves `segments` of a shop's daily SMS cap for one text, atomically: one conditional UPDATE
 * (`used + segments <= cap`), so two dispatchers racing for the last segments cannot both get
 * them. Returns whether the text may go, and the day's use before it.
 */
export async function reserveSmsSegments(db: Db, shopDomain: string, day: string, segments: number, cap: number): Promise<{ reserved: boolean; used: number }> {
  await db.$executeRaw`INSERT INTO "SmsSegmentDay" ("shopDomain", "day", "used") VALUES (${shopDomain}, ${day}, 0) ON CONFLICT ("shopDomain", "day") DO NOTHING`;
  const taken = await db.smsSegmentDay.updateMany({
    where: { shopDomain, day, used: { lte: cap - segments } },
    data: { used: { increment: segments } },
  });
  if (taken.count === 1) return { reserved: true, used: -1 };
  const row = await db.smsSegmentDay.findUnique({ where: { shopDomain_day: { shopDomain, day } }, select: { used: true } });
  return { reserved: false, used: row?.used ?? 0 };
}

/** Gives reserved segments back (Twilio certainly did not send the text). */
export async function releaseSmsSegments(db: Db, shopDomain: string, day: string, segments: number): Promise<void> {
  await db.smsSegmentDay.updateMany({ where: { shopDomain, day, used: { gte: segments } }, data: { used: { decrement: segments } } });
}

/** Segments a shop reserved on one local day (settings page, tests). */
export async function smsSegmentsUsed(db: Db, shopDomain: string, day: string): Promise<number> {
  const row = await db.smsSegmentDay.findUnique({ where: { shopDomain_day: { shopDomain, day } }, select: { used: true } });
  return row?.used ?? 0;
}

const contextShopSelect = {
  domain: true,
  name: true,
  timezone: true,
  uninstalledAt: true,
  brandAccentColor: true,
  brandLogoUrl: true,
  locales: true,
  notificationSettingsJson: true,
  smtpSealed: true,
  klaviyoKeySealed: true,
  twilioSealed: true,
} as const;

const contextShipmentSelect = {
  id: true,
  shopDomain: true,
  orderId: true,
  orderName: true,
  fulfillmentId: true,
  trackingNumber: true,
  carrier: true,
  declaredCarrier: true,
  status: true,
  subStatus: true,
  estimatedDeliveryAt: true,
  estimatedDeliveryEnd: true,
  predictedDeliveryAt: true,
  deliveredAt: true,
  destinationCountry: true,
  lineItemCount: true,
  trackingStoppedAt: true,
  createdAt: true,
} as const;

type ContextShop = Prisma.ShopGetPayload<{ select: typeof contextShopSelect }>;
type ContextShipment = Prisma.ShipmentGetPayload<{ select: typeof contextShipmentSelect }>;
type ContextContact = Prisma.ShopperContactGetPayload<object>;

/** What a message about an order is made of: the shop, the order's parcels, the sealed contact. */
export interface NotificationContext {
  shop: ContextShop | null;
  shipments: ContextShipment[];
  contact: ContextContact | null;
  /**
   * Whether the contact's email (by its stored hash) opted out of this order's or the shop's
   * emails, when it has a hash; null when it has none (the channel asks with the address's hash).
   */
  optedOut: boolean | null;
}

export const contextKey = (shopDomain: string, orderId: string) => `${shopDomain}|${orderId}`;

/**
 * The contexts of many orders at once (one query per table, whatever the number of orders):
 * a dispatcher's pass reads what its messages need in four queries.
 */
export async function notificationContexts(db: Db, orders: readonly { shopDomain: string; orderId: string }[]): Promise<Map<string, NotificationContext>> {
  const byShop = new Map<string, Set<string>>();
  for (const { shopDomain, orderId } of orders) byShop.set(shopDomain, (byShop.get(shopDomain) ?? new Set()).add(orderId));
  const contexts = new Map<string, NotificationContext>();
  if (byShop.size === 0) return contexts;
  const shops = await db.shop.findMany({ where: { domain: { in: [...byShop.keys()] } }, select: contextShopSelect });
  const shopByDomain = new Map(shops.map((shop) => [shop.domain, shop]));
  for (const [shopDomain, orderSet] of byShop) {
    const orderIds = [...orderSet];
    const shipments: ContextShipment[] = [];
    const contacts: ContextContact[] = [];
    for (const part of idChunks(orderIds)) {
      const [someShipments, someContacts] = await Promise.all([
        db.shipment.findMany({ where: { shopDomain, orderId: { in: part } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: contextShipmentSelect }),
        db.shopperContact.findMany({ where: { shopDomain, orderId: { in: part } } }),
      ]);
      shipments.push(...someShipments);
      contacts.push(...someContacts);
    }
    const hashes = [...new Set(contacts.flatMap((contact) => (contact.emailHash ? [contact.emailHash] : [])))];
    const optOuts = new Set<string>();
    for (const part of idChunks(hashes)) {
      const rows = await db.notificationOptOut.findMany({ where: { shopDomain, emailHash: { in: part } }, select: { emailHash: true, orderId: true } });
      for (const row of rows) optOuts.add(`${row.emailHash}|${row.orderId}`);
    }
    const shipmentsByOrder = new Map<string, ContextShipment[]>();
    for (const shipment of shipments) shipmentsByOrder.set(shipment.orderId, [...(shipmentsByOrder.get(shipment.orderId) ?? []), shipment]);
    const contactByOrder = new Map(contacts.map((contact) => [contact.orderId, contact]));
    for (const orderId of orderIds) {
      const contact = contactByOrder.get(orderId) ?? null;
      const hash = contact?.emailHash;
      contexts.set(contextKey(shopDomain, orderId), {
        shop: shopByDomain.get(shopDomain) ?? null,
        shipments: shipmentsByOrder.get(orderId) ?? [],
        contact,
        optedOut: hash ? optOuts.has(`${hash}|`) || optOuts.has(`${hash}|${orderId}`) : null,
      });
    }
  }
  return contexts;
}

/** One order's context (see notificationContexts). */
export async function notificationContext(db: Db, shopDomain: string, orderId: string): Promise<NotificationContext> {
  const contexts = await notificationContexts(db, [{ shopDomain, orderId }]);
  return contexts.get(contextKey(shopDomain, orderId)) as NotificationContext;
}

// ── Shopper contacts (sealed) ────────────────────────────────────────────────────────────────

export interface SealedContact {
  shopDomain: string;
  orderId: string;
  sealed: string;
  locale: string | null;
  emailHash: string | null;
  phoneHash: string | null;
}

/** Stores (or refreshes) an order's sealed contact; a newer payload replaces the older. */
export async function saveShopperContact(db: DbOrTx, contact: SealedContact, now: Date): Promise<void> {
  // One statement on the ingestion hot path (Prisma's upsert is a read and a write, each compiled).
  await executeStatement(db, Prisma.sql`INSERT INTO "ShopperContact" ("shopDomain", "orderId", "sealed", "locale", "emailHash", "phoneHash", "createdAt", "updatedAt")
    VALUES (${contact.shopDomain}, ${contact.orderId}, ${contact.sealed}, ${contact.locale}, ${contact.emailHash}, ${contact.phoneHash}, ${now}, ${now})
    ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "sealed" = excluded."sealed", "locale" = excluded."locale", "emailHash" = excluded."emailHash", "phoneHash" = excluded."phoneHash", "updatedAt" = excluded."updatedAt"`);
}

/**
 * Sets the purge date of contacts whose orders have no parcel still travelling: `retentionMs`
 * after the last delivery (or now, when nothing was delivered). Returns how many were scheduled.
 */
export async function schedulePurges(db: Db, now: Date, retentionMsFor: (shopDomain: string) => number, limit = 500): Promise<number> {
  const open = await db.shopperContact.findMany({ where: { purgeAfter: null }, take: limit, select: { shopDomain: true, orderId: true } });
  let scheduled = 0;
  for (const contact of open) {
    const parcels = await db.shipment.findMany({
      where: { shopDomain: contact.shopDomain, orderId: contact.orderId },
      select: { status: true, deliveredAt: true, trackingStoppedAt: true, updatedAt: true },
    });
    const travelling = parcels.some((parcel) => parcel.trackingStoppedAt === null && !["delivered", "returned", "expired", "invalid", "cancelled"].includes(parcel.status));
    if (travelling && parcels.length > 0) continue;
    const last = parcels.reduce((max, parcel) => Math.max(max, (parcel.deliveredAt ?? parcel.updatedAt).getTime()), 0) || now.getTime();
    await db.shopperContact.updateMany({
      where: { shopDomain: contact.shopDomain, orderId: contact.orderId, purgeAfter: null },
      data: { purgeAfter: new Date(last + retentionMsFor(contact.shopDomain)) },
    });
    scheduled += 1;
  }
  return scheduled;
}

/** Erases contacts past their retention. */
export async function purgeExpiredContacts(db: Db, now: Date): Promise<number> {
  const purged = await db.shopperContact.deleteMany({ where: { purgeAfter: { lte: now } } });
  return purged.count;
}

export async function findShopperContacts(db: DbOrTx, shopDomain: string, keys: { orderIds: string[]; emailHash: string | null; phoneHash: string | null }) {
  const or = [
    ...(keys.orderIds.length ? [{ orderId: { in: keys.orderIds } }] : []),
    ...(keys.emailHash ? [{ emailHash: keys.emailHash }] : []),
    ...(keys.phoneHash ? [{ phoneHash: keys.phoneHash }] : []),
  ];
  if (or.length === 0) return [];
  return db.shopperContact.findMany({ where: { shopDomain, OR: or }, orderBy: { createdAt: "asc" } });
}

// ── Opt-outs ─────────────────────────────────────────────────────────────────────────────────

/** orderId null = every order of the shop. */
export async function addOptOut(db: Db, shopDomain: string, emailHash: string, orderId: string | null, now: Date): Promise<void> {
  await db.notificationOptOut.upsert({
    where: { shopDomain_emailHash_orderId: { shopDomain, emailHash, orderId: orderId ?? "" } },
    create: { shopDomain, emailHash, orderId: orderId ?? "", createdAt: now },
    update: {},
  });
}

export async function removeOptOut(db: Db, shopDomain: string, emailHash: string, orderId: string | null): Promise<void> {
  await db.notificationOptOut.deleteMany({ where: { shopDomain, emailHash, orderId: orderId ?? "" } });
}

export async function isOptedOut(db: Db, shopDomain: string, emailHash: string, orderId: string): Promise<boolean> {
  const found = await db.notificationOptOut.findFirst({ where: { shopDomain, emailHash, orderId: { in: ["", orderId] } }, select: { orderId: true } });
  return found !== null;
}

// ── Shop notification settings ───────────────────────────────────────────────────────────────

export async function loadNotificationShop(db: Db, shopDomain: string) {
  return db.shop.findUnique({
    where: { domain: shopDomain },
    select: { domain: true, name: true, brandAccentColor: true, brandLogoUrl: true, locales: true, notificationSettingsJson: true, smtpSealed: true, klaviyoKeySealed: true, twilioSealed: true },
  });
}

export async function saveNotificationShop(
  db: Db,
  shopDomain: string,
  data: { notificationSettingsJson?: string; smtpSealed?: string | null; klaviyoKeySealed?: string | null; twilioSealed?: string | null },
): Promise<void> {
  await db.shop.update({ where: { domain: shopDomain }, data });
}

/** Counts by channel and state, for the worker's log and the dashboard. */
export async function notificationCounts(db: Db, shopDomain?: string) {
  const rows = await db.notification.groupBy({
    by: ["channel", "moment", "state"],
    where: shopDomain ? { shopDomain } : {},
    _count: { _all: true },
  });
  return rows.map((row) => ({ channel: row.channel, moment: row.moment, state: row.state, count: row._count._all }));
}

/** Every shop's notification settings JSON (the worker's retention check). */
export async function allNotificationSettings(db: Db): Promise<Map<string, string>> {
  const shops = await db.shop.findMany({ select: { domain: true, notificationSettingsJson: true } });
  return new Map(shops.map((shop) => [shop.domain, shop.notificationSettingsJson]));
}

/** Orders of a shop that have parcels but no stored contact (the demo gives them synthetic shoppers). */
export async function ordersWithoutContact(db: Db, shopDomain: string, limit = 1000): Promise<{ orderId: string; orderName: string; destinationCountry: string | null }[]> {
  const [orders, contacts] = await Promise.all([
    db.shipment.findMany({ where: { shopDomain }, distinct: ["orderId"], select: { orderId: true, orderName: true, destinationCountry: true }, take: limit }),
    db.shopperContact.findMany({ where: { shopDomain }, select: { orderId: true } }),
  ]);
  const known = new Set(contacts.map((contact) => contact.orderId));
  return orders.filter((order) => !known.has(order.orderId));
}

/** A parcel's messages and its order's order-level ones (all parcels delivered), newest first. */
export async function shipmentNotificationRows(db: Db, shopDomain: string, shipmentId: string): Promise<NotificationRow[]> {
  const shipment = await db.shipment.findFirst({ where: { id: shipmentId, shopDomain }, select: { orderId: true } });
  if (!shipment) return [];
  const [parcel, order] = await Promise.all([
    listNotifications(db, { shopDomain, shipmentIds: [shipmentId], limit: 200 }),
    listNotifications(db, { shopDomain, orderIds: [shipment.orderId], limit: 200 }),
  ]);
  return [...parcel, ...order.filter((row) => row.shipmentId === null)].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export interface MessageActivityRow {
  moment: string;
  channel: string;
  sent: number;
  skipped: number;
  failed: number;
  pending: number;
}

/**
 * Messages of one shop created since `since`, by moment and channel and how each ended, and the
 * tracking-page visits that came from a message's link (lookups from surface `email`).
 */
export async function messageActivity(db: Db, shopDomain: string, since: Date): Promise<{ rows: MessageActivityRow[]; lookupsFromMessages: number }> {
  const grouped = await db.notification.groupBy({
    by: ["moment", "channel", "state"],
    where: { shopDomain, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const rows = new Map<string, MessageActivityRow>();
  for (const group of grouped) {
    const key = `${group.moment}|${group.channel}`;
    const row = rows.get(key) ?? { moment: group.moment, channel: group.channel, sent: 0, skipped: 0, failed: 0, pending: 0 };
    const count = group._count._all;
    if (group.state === "sent") row.sent += count;
    else if (group.state === "skipped") row.skipped += count;
    else if (group.state === "failed") row.failed += count;
    else row.pending += count;
    rows.set(key, row);
  }
  const lookupsFromMessages = await db.lookupEvent.count({ where: { shopDomain, surface: "email", occurredAt: { gte: since } } });
  return {
    rows: [...rows.values()].sort((a, b) => a.moment.localeCompare(b.moment) || a.channel.localeCompare(b.channel)),
    lookupsFromMessages,
  };
}

import crypto from "node:crypto";
import { isDisputeOpen } from "~/domain/evidence-pack";
import {
  isWorklistState,
  type DisputeFacts,
  type InquiryFacts,
  type Reconciliation,
  type ShipmentFacts,
  type StoredItemFacts,
  type WorklistKind,
  type WorklistState,
} from "~/domain/worklist";
import type { Db } from "./db.server";
import { recordAudit } from "./disputes.server";
import { recordMoments } from "./notifications.server";

/** Statuses that put a parcel on the worklist (flags and write-backs are looked up besides). */
const PROBLEM_STATUSES = ["exception", "attempt_failed", "available_for_pickup", "returning"];

/** Every shipment of the shop that may have a problem now, with what the worklist reads. */
export async function worklistShipmentFacts(db: Db, shopDomain: string): Promise<ShipmentFacts[]> {
  const failedWriteBacks = await db.writeBack.findMany({ where: { shopDomain, state: "failed" }, select: { shipmentId: true }, distinct: ["shipmentId"] });
  const rows = await db.shipment.findMany({
    where: {
      shopDomain,
      OR: [
        { stalled: true },
        { status: { in: PROBLEM_STATUSES } },
        { trackingIssue: { not: null } },
        { id: { in: failedWriteBacks.map((row) => row.shipmentId) } },
      ],
    },
    select: {
      id: true,
      orderId: true,
      orderName: true,
      status: true,
      stalled: true,
      trackingIssue: true,
      isReturn: true,
      lastEventAt: true,
      createdAt: true,
      trackingStoppedAt: true,
      writeBacks: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { state: true, updatedAt: true } },
    },
  });
  return rows.map(({ writeBacks, ...row }) => ({ ...row, latestWriteBack: writeBacks[0] ?? null }));
}

export async function worklistDisputeFacts(db: Db, shopDomain: string): Promise<DisputeFacts[]> {
  const disputes = await db.dispute.findMany({ where: { shopDomain } });
  const orderIds = [...new Set(disputes.map((dispute) => dispute.orderId).filter((id): id is string => id !== null))];
  const names = new Map(
    (await db.shipment.findMany({ where: { shopDomain, orderId: { in: orderIds } }, select: { orderId: true, orderName: true }, distinct: ["orderId"] })).map((row) => [
      row.orderId,
      row.orderName,
    ]),
  );
  return disputes.map((dispute) => ({
    id: dispute.id,
    orderId: dispute.orderId,
    orderName: dispute.orderId ? (names.get(dispute.orderId) ?? null) : null,
    status: dispute.status,
    open: isDisputeOpen(dispute.status),
    since: dispute.initiatedAt ?? dispute.createdAt,
  }));
}

/** Inquiries made within this many days can put a parcel on the worklist (older ones only keep an open item there). */
const INQUIRY_LOOKBACK_DAYS = 30;

/**
 * The newest inquiry about each parcel that was asked about lately or still has an unresolved
 * "customer asked" item, with the parcel's status now and when the team last emailed its shopper.
 */
export async function worklistInquiryFacts(db: Db, shopDomain: string, now: Date): Promise<InquiryFacts[]> {
  const since = new Date(now.getTime() - INQUIRY_LOOKBACK_DAYS * 86_400_000);
  const [recent, items] = await Promise.all([
    db.inquiry.findMany({ where: { shopDomain, shipmentId: { not: null }, createdAt: { gte: since } }, select: { shipmentId: true }, distinct: ["shipmentId"] }),
    db.worklistItem.findMany({ where: { shopDomain, kind: "customer_asked" }, select: { subjectId: true, state: true, shopperEmailedAt: true } }),
  ]);
  const ids = new Set<string>(recent.map((row) => row.shipmentId).filter((id): id is string => id !== null));
  for (const item of items) if (item.state !== "resolved") ids.add(item.subjectId);
  if (ids.size === 0) return [];
  const answered = new Map(items.map((item) => [item.subjectId, item.shopperEmailedAt]));
  const facts: InquiryFacts[] = [];
  const all = [...ids];
  for (let start = 0; start < all.length; start += 500) {
    const part = all.slice(start, start + 500);
    const [inquiries, shipments] = await Promise.all([
      db.inquiry.findMany({
        where: { shopDomain, shipmentId: { in: part } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { shipmentId: true, reason: true, source: true, createdAt: true },
      }),
      db.shipment.findMany({ where: { shopDomain, id: { in: part } }, select: { id: true, orderId: true, orderName: true, status: true } }),
    ]);
    const latest = new Map<string, (typeof inquiries)[number]>();
    for (const inquiry of inquiries) if (inquiry.shipmentId && !latest.has(inquiry.shipmentId)) latest.set(inquiry.shipmentId, inquiry);
    for (const shipment of shipments) {
      const inquiry = latest.get(shipment.id);
      if (!inquiry) continue;
      facts.push({
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        orderName: shipment.orderName,
        reason: inquiry.reason,
        source: inquiry.source,
        askedAt: inquiry.createdAt,
        parcelStatus: shipment.status,
        answeredAt: answered.get(shipment.id) ?? null,
      });
    }
  }
  return facts;
}

export async function storedWorklistFacts(db: Db, shopDomain: string): Promise<StoredItemFacts[]> {
  const rows = await db.worklistItem.findMany({
    where: { shopDomain },
    select: { id: true, kind: true, subjectId: true, state: true, openedAt: true, resolvedAt: true, inquiryReason: true, inquirySource: true },
  });
  return rows.map((row) => ({ ...row, state: isWorklistState(row.state) ? row.state : "open" }));
}

/** Applies what reconciliation decided, each change audited as made by Trackline. */
export async function applyWorklistReconciliation(db: Db, shopDomain: string, changes: readonly Reconciliation[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const change of changes) {
      let itemId: string;
      let detail: Record<string, unknown> = {};
      if (change.action === "create") {
        const { problem } = change;
        const row = await tx.worklistItem.upsert({
          where: { shopDomain_kind_subjectId: { shopDomain, kind: problem.kind, subjectId: problem.subjectId } },
          create: {
            shopDomain,
            kind: problem.kind,
            subjectId: problem.subjectId,
            shipmentId: problem.shipmentId,
            orderId: problem.orderId,
            orderName: problem.orderName,
            openedAt: problem.since,
            inquiryReason: problem.inquiry?.reason ?? null,
            inquirySource: problem.inquiry?.source ?? null,
          },
          update: {},
        });
        itemId = row.id;
        detail = { kind: problem.kind, ...(problem.inquiry ?? {}) };
      } else if (change.action === "reopen") {
        await tx.worklistItem.update({
          where: { id: change.itemId },
          data: {
            state: "open",
            resolvedAt: null,
            resolvedBy: null,
            openedAt: change.problem.since,
            reopenCount: { increment: 1 },
            ...(change.problem.inquiry ? { inquiryReason: change.problem.inquiry.reason, inquirySource: change.problem.inquiry.source } : {}),
          },
        });
        itemId = change.itemId;
        detail = change.problem.inquiry ?? {};
      } else if (change.action === "update") {
        const inquiry = change.problem.inquiry;
        await tx.worklistItem.update({ where: { id: change.itemId }, data: { inquiryReason: inquiry?.reason ?? null, inquirySource: inquiry?.source ?? null } });
        itemId = change.itemId;
        detail = inquiry ?? {};
      } else {
        await tx.worklistItem.update({ where: { id: change.itemId }, data: { state: "resolved", resolvedAt: now, resolvedBy: "auto" } });
        itemId = change.itemId;
      }
      await recordAudit(tx, { shopDomain, actor: "trackline", action: `item_${change.action}`, subjectType: "worklist_item", subjectId: itemId, detail, at: now });
    }
  });
}

export interface WorklistFilter {
  kind?: WorklistKind;
  /** A state, or "unresolved" (every state but resolved). */
  state?: WorklistState | "unresolved";
  /** A staff id, or "unassigned". */
  assignee?: string;
}

function whereOf(shopDomain: string, filter: WorklistFilter) {
  return {
    shopDomain,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.state === "unresolved" ? { state: { not: "resolved" } } : filter.state ? { state: filter.state } : {}),
    ...(filter.assignee === "unassigned" ? { assigneeId: null } : filter.assignee ? { assigneeId: filter.assignee } : {}),
  };
}

export async function listWorklist(db: Db, shopDomain: string, filter: WorklistFilter, limit = 500) {
  return db.worklistItem.findMany({
    where: whereOf(shopDomain, filter),
    include: { notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
    orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

export type WorklistRow = Awaited<ReturnType<typeof listWorklist>>[number];

/** Unresolved items per kind, and per state (the dashboard's and the page's counts). */
export async function worklistCounts(db: Db, shopDomain: string): Promise<{ unresolved: number; byKind: Record<string, number>; byState: Record<string, number> }> {
  const rows = await db.worklistItem.groupBy({ by: ["kind", "state"], where: { shopDomain }, _count: { _all: true } });
  const byKind: Record<string, number> = {};
  const byState: Record<string, number> = {};
  let unresolved = 0;
  for (const row of rows) {
    byState[row.state] = (byState[row.state] ?? 0) + row._count._all;
    if (row.state === "resolved") continue;
    byKind[row.kind] = (byKind[row.kind] ?? 0) + row._count._all;
    unresolved += row._count._all;
  }
  return { unresolved, byKind, byState };
}

export interface WorklistChange {
  state?: WorklistState;
  /** null unassigns. */
  assignee?: { id: string; name: string } | null;
  note?: string;
}

/**
 * A person's change to one item of their own shop (another shop's id finds nothing): state,
 * assignee, a note — each audited with who did it.
 */
export async function changeWorklistItem(db: Db, shopDomain: string, itemId: string, change: WorklistChange, actor: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const item = await tx.worklistItem.findFirst({ where: { id: itemId, shopDomain } });
    if (!item) return false;
    const audit = (action: string, detail: unknown) =>
      recordAudit(tx, { shopDomain, actor, action, subjectType: "worklist_item", subjectId: itemId, detail, at: now });
    if (change.state && change.state !== item.state) {
      const resolved = change.state === "resolved";
      await tx.worklistItem.update({
        where: { id: itemId },
        data: { state: change.state, resolvedAt: resolved ? now : null, resolvedBy: resolved ? "manual" : null },
      });
      await audit("state_changed", { from: item.state, to: change.state });
    }
    if (change.assignee !== undefined && (change.assignee?.id ?? null) !== item.assigneeId) {
      await tx.worklistItem.update({ where: { id: itemId }, data: { assigneeId: change.assignee?.id ?? null, assignee: change.assignee?.name ?? null } });
      await audit("assigned", { from: item.assignee, to: change.assignee?.name ?? null });
    }
    if (change.note && change.note.trim()) {
      await tx.worklistNote.create({ data: { itemId, shopDomain, author: actor, body: change.note.trim().slice(0, 2000), createdAt: now } });
      await audit("note_added", null);
    }
    return true;
  });
}

export async function worklistItemAudit(db: Db, shopDomain: string, itemId: string) {
  return db.auditEntry.findMany({ where: { shopDomain, subjectType: "worklist_item", subjectId: itemId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export async function findWorklistItem(db: Db, shopDomain: string, itemId: string) {
  return db.worklistItem.findFirst({ where: { id: itemId, shopDomain } });
}

/** Pages of the filtered worklist for a streamed export. */
export async function* worklistPages(db: Db, shopDomain: string, filter: WorklistFilter, pageSize = 500): AsyncGenerator<WorklistRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.worklistItem.findMany({
      where: whereOf(shopDomain, filter),
      include: { notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield rows;
    cursor = rows.at(-1)!.id;
    if (rows.length < pageSize) return;
  }
}

export async function pickupAttentionDays(db: Db, shopDomain: string): Promise<number> {
  return (await db.shop.findUnique({ where: { domain: shopDomain }, select: { pickupAttentionDays: true } }))?.pickupAttentionDays ?? 5;
}

export async function setAfterDeliverySettings(db: Db, shopDomain: string, settings: { pickupAttentionDays: number; disputeEvidenceMode: string }): Promise<void> {
  await db.shop.update({ where: { domain: shopDomain }, data: settings });
}

/** The staff member's name from an online session of theirs, when the app holds one. */
export async function staffDisplayName(db: Db, shopDomain: string, userId: string): Promise<string | null> {
  if (!/^\d+$/.test(userId)) return null;
  const session = await db.session.findFirst({ where: { shop: shopDomain, userId: BigInt(userId) }, select: { firstName: true, lastName: true } });
  const name = [session?.firstName, session?.lastName].filter(Boolean).join(" ");
  return name || null;
}

/** What "Email the shopper" needs to know first: the parcel, whether the shop can send email, the order's stored contact. */
export async function shopperEmailFacts(db: Db, shopDomain: string, shipmentId: string) {
  const shipment = await db.shipment.findFirst({ where: { id: shipmentId, shopDomain }, select: { id: true, orderId: true, status: true } });
  if (!shipment) return null;
  const [shop, contact] = await Promise.all([
    db.shop.findUnique({ where: { domain: shopDomain }, select: { smtpSealed: true } }),
    db.shopperContact.findUnique({ where: { shopDomain_orderId: { shopDomain, orderId: shipment.orderId } }, select: { sealed: true } }),
  ]);
  return { shipment, smtpConfigured: Boolean(shop?.smtpSealed), contactSealed: contact?.sealed ?? null };
}

/**
 * Queues a team member's email to the shopper in the notification outbox (a moment of its own on
 * the parcel, due now, email channel only), notes when the item was answered, and audits it.
 */
export async function recordShopperEmail(
  db: Db,
  input: { shopDomain: string; itemId: string; shipment: { id: string; orderId: string; status: string }; moment: string; template: string; actor: string; now: Date },
): Promise<void> {
  const { shopDomain, itemId, shipment, now } = input;
  await db.$transaction(async (tx) => {
    await recordMoments(
      tx,
      [
        {
          shopDomain,
          subjectKey: `support:${itemId}:${crypto.randomUUID()}`,
          shipmentId: shipment.id,
          orderId: shipment.orderId,
          moment: input.moment,
          occurredAt: now,
          status: shipment.status,
          reason: null,
          estimateAt: null,
          channels: ["email"],
        },
      ],
      () => now,
      now,
    );
    await tx.worklistItem.update({ where: { id: itemId }, data: { shopperEmailedAt: now } });
    await recordAudit(tx, { shopDomain, actor: input.actor, action: "shopper_emailed", subjectType: "worklist_item", subjectId: itemId, detail: { template: input.template }, at: now });
  });
}

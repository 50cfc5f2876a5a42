import type { Db } from "./db.server";
import type { DbClient } from "./fulfillments.server";

/** A dispute as Shopify's webhook describes it, normalized. */
export interface DisputeRecord {
  shopDomain: string;
  disputeId: string;
  orderId: string | null;
  kind: string;
  reason: string;
  networkReasonCode: string | null;
  status: string;
  amount: string | null;
  currency: string | null;
  initiatedAt: Date | null;
  evidenceDueBy: Date | null;
  evidenceSentOn: Date | null;
  finalizedOn: Date | null;
}

export type EvidenceState = "not_applicable" | "ready" | "pending_attach" | "attached" | "submitted" | "failed";

export interface StoredDispute extends DisputeRecord {
  id: string;
  orderKnown: boolean;
  evidenceState: EvidenceState;
  evidenceError: string | null;
  evidenceAttachedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type DisputeRow = Awaited<ReturnType<Db["dispute"]["findFirstOrThrow"]>>;

function toStored(row: DisputeRow): StoredDispute {
  return { ...row, evidenceState: row.evidenceState as EvidenceState };
}

/** The parcels of an order as the dispute logic needs them (status only), inside one shop. */
export async function orderParcelStatuses(client: DbClient, shopDomain: string, orderId: string): Promise<{ id: string; status: string; isReturn: boolean }[]> {
  return client.shipment.findMany({ where: { shopDomain, orderId }, select: { id: true, status: true, isReturn: true } });
}

/**
 * Inserts or updates the dispute. `evidenceState` is set on insert and moved on update only from
 * states nothing has been done in yet (an attached or submitted pack stays so).
 */
export async function upsertDispute(
  client: DbClient,
  record: DisputeRecord,
  derived: { orderKnown: boolean; evidenceState: EvidenceState },
): Promise<{ dispute: StoredDispute; created: boolean }> {
  const existing = await client.dispute.findUnique({ where: { shopDomain_disputeId: { shopDomain: record.shopDomain, disputeId: record.disputeId } } });
  if (!existing) {
    const row = await client.dispute.create({ data: { ...record, ...derived } });
    return { dispute: toStored(row), created: true };
  }
  const untouched = ["not_applicable", "ready", "failed"].includes(existing.evidenceState);
  const row = await client.dispute.update({
    where: { id: existing.id },
    data: { ...record, orderKnown: derived.orderKnown, ...(untouched ? { evidenceState: derived.evidenceState, evidenceError: null } : {}) },
  });
  return { dispute: toStored(row), created: false };
}

export async function findDispute(db: Db, shopDomain: string, id: string): Promise<StoredDispute | null> {
  const row = await db.dispute.findFirst({ where: { id, shopDomain } });
  return row ? toStored(row) : null;
}

/** Disputes of a shop, newest first (unknown orders included: the merchant should see them). */
export async function listDisputes(db: Db, shopDomain: string, limit = 200): Promise<StoredDispute[]> {
  const rows = await db.dispute.findMany({ where: { shopDomain }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: limit });
  return rows.map(toStored);
}

export async function disputesOfOrder(db: Db, shopDomain: string, orderId: string): Promise<StoredDispute[]> {
  const rows = await db.dispute.findMany({ where: { shopDomain, orderId }, orderBy: { createdAt: "desc" } });
  return rows.map(toStored);
}

/** Disputes whose pack waits to be attached (any shop), oldest first. */
export async function disputesAwaitingAttachment(db: Db, limit = 20): Promise<StoredDispute[]> {
  const rows = await db.dispute.findMany({ where: { evidenceState: "pending_attach" }, orderBy: { updatedAt: "asc" }, take: limit });
  return rows.map(toStored);
}

export async function settleEvidence(
  db: Db,
  id: string,
  outcome: { state: "attached" | "submitted" | "failed"; error?: string | null; at: Date },
): Promise<void> {
  await db.dispute.update({
    where: { id },
    data: {
      evidenceState: outcome.state,
      evidenceError: outcome.error ?? null,
      ...(outcome.state === "failed" ? {} : { evidenceAttachedAt: outcome.at }),
    },
  });
}

/** Shopper views of an order's tracking (every surface), oldest first. */
export async function orderLookups(db: Db, shopDomain: string, orderId: string): Promise<{ surface: string; occurredAt: Date }[]> {
  return db.lookupEvent.findMany({
    where: { shopDomain, orderId },
    select: { surface: true, occurredAt: true },
    orderBy: { occurredAt: "asc" },
  });
}

export async function shopDisputeSettings(db: Db, shopDomain: string): Promise<{ disputeEvidenceMode: string; name: string | null; timezone: string }> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { disputeEvidenceMode: true, name: true, timezone: true } });
  return shop ?? { disputeEvidenceMode: "download", name: null, timezone: "UTC" };
}

export async function setDisputeEvidenceMode(db: Db, shopDomain: string, mode: string): Promise<void> {
  await db.shop.update({ where: { domain: shopDomain }, data: { disputeEvidenceMode: mode } });
}

/** One audited change (who, what, on which subject). */
export async function recordAudit(
  client: DbClient,
  entry: { shopDomain: string; actor: string; action: string; subjectType: string; subjectId: string; detail?: unknown; at?: Date },
): Promise<void> {
  await client.auditEntry.create({
    data: {
      shopDomain: entry.shopDomain,
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      detailJson: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}

export async function auditTrail(db: Db, shopDomain: string, subjectType: string, subjectId: string) {
  return db.auditEntry.findMany({ where: { shopDomain, subjectType, subjectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** The shop's dispute-evidence mode (inside a webhook's transaction); null for an unknown shop. */
export async function disputeEvidenceMode(client: DbClient, shopDomain: string): Promise<string | null> {
  return (await client.shop.findUnique({ where: { domain: shopDomain }, select: { disputeEvidenceMode: true } }))?.disputeEvidenceMode ?? null;
}

/** The evidence pack is ready to download and nothing is to be sent. */
export async function markEvidenceReady(db: Db, disputeId: string): Promise<void> {
  await db.dispute.update({ where: { id: disputeId }, data: { evidenceState: "ready" } });
}

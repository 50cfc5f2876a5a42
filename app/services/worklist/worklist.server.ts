import { CARRIER_CLAIM_PAGES, isCarrierCode } from "~/carriers/registry";
import type { Db } from "~/data/db.server";
import { returnParcelCounts } from "~/data/returns.server";
import {
  applyWorklistReconciliation,
  listWorklist,
  pickupAttentionDays,
  storedWorklistFacts,
  worklistCounts,
  worklistDisputeFacts,
  worklistInquiryFacts,
  worklistPages,
  worklistShipmentFacts,
  type WorklistFilter,
  type WorklistRow,
} from "~/data/worklist.server";
import {
  ageLabel,
  disputeProblems,
  inquiryProblems,
  isWorklistKind,
  isWorklistState,
  KIND_LABELS,
  reconcileWorklist,
  shipmentProblems,
  slaColour,
  type Problem,
  type SlaColour,
  type WorklistKind,
  type WorklistState,
} from "~/domain/worklist";
import { shipmentCarriers } from "~/data/shipments.server";
import { TEMPLATES_BY_KIND, type SupportTemplate } from "~/domain/worklist-emails";

/**
 * The "Needs attention" worklist of a shop: brought up to date from the parcels and disputes
 * (new problems added, gone ones resolved, recurring ones back), then listed with age, SLA colour
 * and the links each action needs.
 */
export async function refreshWorklist(db: Db, shopDomain: string, now: Date): Promise<{ changes: number }> {
  const [shipments, disputes, inquiries, items, pickupDays] = await Promise.all([
    worklistShipmentFacts(db, shopDomain),
    worklistDisputeFacts(db, shopDomain),
    worklistInquiryFacts(db, shopDomain, now),
    storedWorklistFacts(db, shopDomain),
    pickupAttentionDays(db, shopDomain),
  ]);
  const problems: Problem[] = [
    ...shipments.flatMap((shipment) => shipmentProblems(shipment, now, { pickupAttentionDays: pickupDays })),
    ...disputes.flatMap(disputeProblems),
    ...inquiries.flatMap((inquiry) => inquiryProblems(inquiry, now)),
  ];
  const changes = reconcileWorklist(items, problems);
  await applyWorklistReconciliation(db, shopDomain, changes, now);
  return { changes: changes.length };
}

export function parseWorklistFilter(search: URLSearchParams): WorklistFilter {
  const kind = search.get("kind") ?? "";
  const state = search.get("state") ?? "unresolved";
  const assignee = search.get("assignee") ?? "";
  return {
    ...(isWorklistKind(kind) ? { kind } : {}),
    ...(state === "all" ? {} : isWorklistState(state) || state === "unresolved" ? { state: state as WorklistState | "unresolved" } : { state: "unresolved" as const }),
    ...(assignee ? { assignee } : {}),
  };
}

export interface WorklistItemView {
  id: string;
  kind: WorklistKind;
  kindLabel: string;
  state: WorklistState;
  orderName: string | null;
  shipmentId: string | null;
  age: string;
  openedAt: string;
  sla: SlaColour;
  assignee: string | null;
  assigneeId: string | null;
  reopenCount: number;
  resolvedBy: string | null;
  /** customer_asked: the latest inquiry's reason and source. */
  inquiryReason: string | null;
  inquirySource: string | null;
  /** "Email the shopper" templates that fit (none without a parcel). */
  emailTemplates: readonly SupportTemplate[];
  shopperEmailedAt: string | null;
  notes: { author: string; body: string; at: string }[];
  /** Shopify admin order page. */
  orderUrl: string | null;
  carrierContactUrl: string | null;
}

function numericOrderId(orderId: string | null): string | null {
  return orderId ? (/(\d+)$/.exec(orderId)?.[1] ?? null) : null;
}

function itemView(row: WorklistRow, carriers: Map<string, string | null>, shopDomain: string, now: Date): WorklistItemView {
  const kind = isWorklistKind(row.kind) ? row.kind : "stalled";
  const orderNumber = numericOrderId(row.orderId);
  const carrier = row.shipmentId ? carriers.get(row.shipmentId) : null;
  return {
    id: row.id,
    kind,
    kindLabel: KIND_LABELS[kind],
    state: isWorklistState(row.state) ? row.state : "open",
    orderName: row.orderName,
    shipmentId: row.shipmentId,
    age: ageLabel(row.openedAt, now),
    openedAt: row.openedAt.toISOString(),
    sla: row.state === "resolved" ? "green" : slaColour(kind, row.openedAt, now),
    assignee: row.assignee,
    assigneeId: row.assigneeId,
    reopenCount: row.reopenCount,
    resolvedBy: row.resolvedBy,
    inquiryReason: row.inquiryReason,
    inquirySource: row.inquirySource,
    emailTemplates: row.shipmentId ? TEMPLATES_BY_KIND[kind] : [],
    shopperEmailedAt: row.shopperEmailedAt?.toISOString() ?? null,
    notes: row.notes.map((note) => ({ author: note.author, body: note.body, at: note.createdAt.toISOString() })),
    orderUrl: orderNumber ? `https://admin.shopify.com/store/${shopDomain.replace(/\.myshopify\.com$/, "")}/orders/${orderNumber}` : null,
    carrierContactUrl: carrier && isCarrierCode(carrier) ? CARRIER_CLAIM_PAGES[carrier] : null,
  };
}

export async function loadWorklist(db: Db, shopDomain: string, filter: WorklistFilter, now: Date) {
  await refreshWorklist(db, shopDomain, now);
  const [rows, counts] = await Promise.all([listWorklist(db, shopDomain, filter), worklistCounts(db, shopDomain)]);
  const shipmentIds = rows.map((row) => row.shipmentId).filter((id): id is string => id !== null);
  const carriers = await shipmentCarriers(db, shopDomain, shipmentIds);
  return { items: rows.map((row) => itemView(row, carriers, shopDomain, now)), counts, filter };
}

const CSV_COLUMNS = ["id", "kind", "state", "order", "shipment_id", "opened_at", "age", "sla", "assignee", "reopened", "resolved_by", "notes", "inquiry_reason", "inquiry_source"] as const;

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // Leading = + - @ would run as formulas in spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered worklist as CSV, streamed a page at a time. */
export function worklistCsvStream(db: Db, shopDomain: string, filter: WorklistFilter, now: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = worklistPages(db, shopDomain, filter);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\n`));
        return;
      }
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((row) => {
        const kind = isWorklistKind(row.kind) ? row.kind : "stalled";
        return [
          row.id,
          row.kind,
          row.state,
          row.orderName,
          row.shipmentId,
          row.openedAt.toISOString(),
          ageLabel(row.openedAt, now),
          row.state === "resolved" ? "" : slaColour(kind, row.openedAt, now),
          row.assignee,
          row.reopenCount,
          row.resolvedBy,
          row.notes.map((note) => `${note.createdAt.toISOString()} ${note.author}: ${note.body}`).join(" | "),
          row.inquiryReason,
          row.inquirySource,
        ]
          .map(csvCell)
          .join(",");
      });
      controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
    },
  });
}

/** The dashboard's worklist line: brought up to date, then counted. */
export async function worklistSummary(
  db: Db,
  shopDomain: string,
  now: Date,
): Promise<{ unresolved: number; byKind: Record<string, number>; returns: { onTheWay: number; received: number } }> {
  await refreshWorklist(db, shopDomain, now);
  const [counts, returns] = await Promise.all([worklistCounts(db, shopDomain), returnParcelCounts(db, shopDomain)]);
  return { unresolved: counts.unresolved, byKind: counts.byKind, returns };
}

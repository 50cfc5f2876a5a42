/**
 * The "Needs attention" worklist: which problems a parcel (or dispute) has right now, how urgent
 * each is, and how stored items follow the problems — created when one appears, resolved on their
 * own when the parcel moves on, back again when it gets stuck again. Pure.
 */

export const WORKLIST_KINDS = [
  "stalled",
  "exception",
  "attempt_failed",
  "pickup_waiting",
  "returning",
  "tracking_issue",
  "write_back_failed",
  "dispute_open",
  "customer_asked",
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const WORKLIST_STATES = ["open", "waiting_carrier", "waiting_shopper", "resolved"] as const;
export type WorklistState = (typeof WORKLIST_STATES)[number];

export function isWorklistKind(value: string): value is WorklistKind {
  return (WORKLIST_KINDS as readonly string[]).includes(value);
}

export function isWorklistState(value: string): value is WorklistState {
  return (WORKLIST_STATES as readonly string[]).includes(value);
}

export const KIND_LABELS: Record<WorklistKind, string> = {
  stalled: "Stalled",
  exception: "Carrier exception",
  attempt_failed: "Delivery attempt failed",
  pickup_waiting: "Waiting at pickup point",
  returning: "Returning to sender",
  tracking_issue: "Tracking number problem",
  write_back_failed: "Write-back to Shopify failed",
  dispute_open: "Dispute open",
  customer_asked: "Customer asked",
};

/** Hours within which the team should act on each kind (the SLA the colour measures). */
export const SLA_HOURS: Record<WorklistKind, number> = {
  dispute_open: 72,
  exception: 24,
  attempt_failed: 24,
  tracking_issue: 24,
  write_back_failed: 24,
  pickup_waiting: 48,
  stalled: 48,
  returning: 72,
  customer_asked: 24,
};

export type SlaColour = "green" | "amber" | "red";

/** Green in the first half of the SLA, amber in the second, red once it is spent. */
export function slaColour(kind: WorklistKind, openedAt: Date, now: Date): SlaColour {
  const hours = (now.getTime() - openedAt.getTime()) / 3_600_000;
  const sla = SLA_HOURS[kind];
  return hours >= sla ? "red" : hours >= sla / 2 ? "amber" : "green";
}

export function ageLabel(openedAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - openedAt.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** What the worklist needs to know about a shipment. */
export interface ShipmentFacts {
  id: string;
  orderId: string;
  orderName: string;
  status: string;
  stalled: boolean;
  trackingIssue: string | null;
  isReturn: boolean;
  lastEventAt: Date | null;
  createdAt: Date;
  trackingStoppedAt: Date | null;
  /** The newest write-back outbox row. */
  latestWriteBack: { state: string; updatedAt: Date } | null;
}

export interface DisputeFacts {
  id: string;
  orderId: string | null;
  orderName: string | null;
  status: string;
  open: boolean;
  since: Date;
}

export interface Problem {
  kind: WorklistKind;
  subjectId: string;
  shipmentId: string | null;
  orderId: string | null;
  orderName: string | null;
  /** When this occurrence of the problem began. */
  since: Date;
  /** customer_asked: why and where the shopper asked (never their words or contact). */
  inquiry?: { reason: string; source: string };
}

/** The problems one shipment has now (a stopped shipment has none: nobody is tracking it). */
export function shipmentProblems(shipment: ShipmentFacts, now: Date, options: { pickupAttentionDays: number }): Problem[] {
  if (shipment.trackingStoppedAt) return [];
  const base = { subjectId: shipment.id, shipmentId: shipment.id, orderId: shipment.orderId, orderName: shipment.orderName };
  const since = shipment.lastEventAt ?? shipment.createdAt;
  const problems: Problem[] = [];
  if (shipment.stalled && shipment.status !== "delivered") problems.push({ ...base, kind: "stalled", since });
  if (shipment.status === "exception") problems.push({ ...base, kind: "exception", since });
  if (shipment.status === "attempt_failed") problems.push({ ...base, kind: "attempt_failed", since });
  if (shipment.status === "available_for_pickup" && now.getTime() - since.getTime() > options.pickupAttentionDays * 86_400_000) {
    problems.push({ ...base, kind: "pickup_waiting", since });
  }
  // An outbound parcel on its way back (a shopper's own return is expected to travel back).
  if (shipment.status === "returning" && !shipment.isReturn) problems.push({ ...base, kind: "returning", since });
  if (shipment.trackingIssue) problems.push({ ...base, kind: "tracking_issue", since: shipment.createdAt });
  if (shipment.latestWriteBack?.state === "failed") problems.push({ ...base, kind: "write_back_failed", since: shipment.latestWriteBack.updatedAt });
  return problems;
}

export function disputeProblems(dispute: DisputeFacts): Problem[] {
  return dispute.open
    ? [{ kind: "dispute_open", subjectId: dispute.id, shipmentId: null, orderId: dispute.orderId, orderName: dispute.orderName, since: dispute.since }]
    : [];
}

/** The newest inquiry about a parcel, with the parcel as it is now. */
export interface InquiryFacts {
  shipmentId: string;
  orderId: string;
  orderName: string;
  reason: string;
  source: string;
  askedAt: Date;
  parcelStatus: string;
  /** When the team last emailed the shopper from the parcel's "customer asked" item. */
  answeredAt: Date | null;
}

/** An inquiry counts as old (no longer waiting for an answer) this long after it was made. */
export const INQUIRY_ANSWER_DAYS = 3;

/**
 * A shopper asked about a parcel: the item stays until the parcel is delivered and the inquiry is
 * answered (the shopper was emailed after asking) or old; a newer inquiry brings it back.
 */
export function inquiryProblems(inquiry: InquiryFacts, now: Date): Problem[] {
  const answered = inquiry.answeredAt !== null && inquiry.answeredAt.getTime() >= inquiry.askedAt.getTime();
  const old = now.getTime() - inquiry.askedAt.getTime() > INQUIRY_ANSWER_DAYS * 86_400_000;
  if (inquiry.parcelStatus === "delivered" && (answered || old)) return [];
  return [
    {
      kind: "customer_asked",
      subjectId: inquiry.shipmentId,
      shipmentId: inquiry.shipmentId,
      orderId: inquiry.orderId,
      orderName: inquiry.orderName,
      since: inquiry.askedAt,
      inquiry: { reason: inquiry.reason, source: inquiry.source },
    },
  ];
}

export interface StoredItemFacts {
  id: string;
  kind: string;
  subjectId: string;
  state: WorklistState;
  openedAt: Date;
  resolvedAt: Date | null;
  inquiryReason?: string | null;
  inquirySource?: string | null;
}

export type Reconciliation =
  | { action: "create"; problem: Problem }
  | { action: "reopen"; itemId: string; problem: Problem }
  /** An open item whose problem now carries other details (a newer inquiry's reason or source). */
  | { action: "update"; itemId: string; problem: Problem }
  | { action: "auto_resolve"; itemId: string };

const key = (kind: string, subjectId: string) => `${kind}|${subjectId}`;

/**
 * Stored items against the problems of now: new problems become items; an unresolved item whose
 * problem is gone resolves itself; a resolved item comes back only for a new occurrence (the
 * problem began after it was resolved — the parcel moved, then got stuck again).
 */
export function reconcileWorklist(items: readonly StoredItemFacts[], problems: readonly Problem[]): Reconciliation[] {
  const byKey = new Map(items.map((item) => [key(item.kind, item.subjectId), item]));
  const current = new Set<string>();
  const out: Reconciliation[] = [];
  for (const problem of problems) {
    const k = key(problem.kind, problem.subjectId);
    current.add(k);
    const item = byKey.get(k);
    if (!item) out.push({ action: "create", problem });
    else if (item.state === "resolved") {
      if (item.resolvedAt && problem.since.getTime() > item.resolvedAt.getTime()) out.push({ action: "reopen", itemId: item.id, problem });
    } else if (problem.inquiry && (problem.inquiry.reason !== item.inquiryReason || problem.inquiry.source !== item.inquirySource)) {
      out.push({ action: "update", itemId: item.id, problem });
    }
  }
  for (const item of items) {
    if (item.state !== "resolved" && !current.has(key(item.kind, item.subjectId))) out.push({ action: "auto_resolve", itemId: item.id });
  }
  return out;
}

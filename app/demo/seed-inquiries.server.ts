import type { Db } from "~/data/db.server";
import { updateWismoSettings } from "~/data/inquiries.server";
import type { DemoInquiry } from "./demo-inquiries";
import { classifyTicket } from "~/domain/wismo/classifier";
import type { HoldoutSettings } from "~/domain/wismo/holdout";
import { recordInquiry } from "~/services/wismo/capture.server";

/**
 * Writes the demo's inquiries through the capture path (parcel state, lookups and notices read
 * as for a real inquiry; helpdesk tickets classified by the real classifier) and starts the
 * demo's holdout at `startedAt` (the shop was just reset, so its settings row is new and takes the
 * demo's fixed holdout key).
 */
export async function seedDemoInquiries(
  db: Db,
  shopDomain: string,
  plan: readonly DemoInquiry[],
  options: { holdout: HoldoutSettings; startedAt: Date },
): Promise<{ inquiries: number; helpdeskTickets: number }> {
  await updateWismoSettings(
    db,
    shopDomain,
    { holdoutEnabled: options.holdout.enabled, holdoutPercent: options.holdout.percent, holdoutStartedAt: options.startedAt },
    () => options.holdout.key,
  );
  let helpdeskTickets = 0;
  let inquiries = 0;
  for (const inquiry of plan) {
    const classified = inquiry.ticket ? classifyTicket({ subject: inquiry.ticket.subject, body: inquiry.ticket.body, tags: inquiry.ticket.tags }) : null;
    if (classified && !classified.orderStatus) continue;
    if (inquiry.ticket) helpdeskTickets += 1;
    inquiries += 1;
    await recordInquiry(db, {
      shopDomain,
      source: inquiry.surface,
      reason: classified ? classified.reason : inquiry.reason,
      orderId: inquiry.orderId,
      shipmentId: inquiry.shipmentId,
      externalId: inquiry.ticket?.externalId ?? null,
      message: null,
      at: inquiry.at,
      credentialsKey: undefined,
    });
  }
  return { inquiries, helpdeskTickets };
}

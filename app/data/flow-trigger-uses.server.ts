import type { Db } from "./db.server";
import type { DbClient } from "./fulfillments.server";
import { isUniqueViolation } from "./webhook-receipts.server";

/** What Shopify Flow's trigger lifecycle callback last said about one trigger in one shop. */
export interface FlowTriggerUseReport {
  shopDomain: string;
  triggerHandle: string;
  hasEnabledFlow: boolean;
  /** The callback's own timestamp. */
  reportedAt: Date;
}

export interface FlowTriggerUseRow extends FlowTriggerUseReport {
  updatedAt: Date;
}

/**
 * Stores a lifecycle callback. Shopify says newer timestamps take precedence, and callbacks can
 * arrive out of order: one older than the stored report changes nothing ("stale"). Of two with
 * the same timestamp, the later arrival wins.
 */
export async function recordFlowTriggerUse(db: DbClient, report: FlowTriggerUseReport): Promise<"recorded" | "stale"> {
  const key = { shopDomain: report.shopDomain, triggerHandle: report.triggerHandle };
  const data = { hasEnabledFlow: report.hasEnabledFlow, reportedAt: report.reportedAt };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const updated = await db.flowTriggerUse.updateMany({ where: { ...key, reportedAt: { lte: report.reportedAt } }, data });
    if (updated.count > 0) return "recorded";
    if (await db.flowTriggerUse.findUnique({ where: { shopDomain_triggerHandle: key }, select: { shopDomain: true } })) return "stale";
    try {
      await db.flowTriggerUse.create({ data: { ...key, ...data } });
      return "recorded";
    } catch (error) {
      // Another callback for the same trigger created the row meanwhile: compare with it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return "stale";
}

/** Every trigger Shopify has reported on for the shop, by handle. */
export async function flowTriggerUses(db: Db, shopDomain: string): Promise<Map<string, FlowTriggerUseRow>> {
  const rows = await db.flowTriggerUse.findMany({ where: { shopDomain }, orderBy: { triggerHandle: "asc" } });
  return new Map(rows.map((row) => [row.triggerHandle, row]));
}

/** Whether a workflow uses the trigger: true or false once Shopify has said so, null before. */
export async function flowTriggerInUse(db: Db, shopDomain: string, triggerHandle: string): Promise<boolean | null> {
  const row = await db.flowTriggerUse.findUnique({ where: { shopDomain_triggerHandle: { shopDomain, triggerHandle } }, select: { hasEnabledFlow: true } });
  return row ? row.hasEnabledFlow : null;
}

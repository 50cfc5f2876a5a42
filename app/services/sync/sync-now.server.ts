import type { Db } from "../../data/db.server";
import { sharedSyncEngine } from "./engine-factory.server";
import type { SyncPassReport } from "./sync-engine.server";
import { findShipmentSyncState } from "../../data/shipments.server";

export interface SyncNowResult {
  status: string;
  previousStatus: string;
  changed: boolean;
  report: SyncPassReport;
  lastError: string | null;
}

/**
 * "Resync now" (admin, order block, CLI): one shipment, right away, through the same engine and
 * quotas as the worker. A shipment another worker is syncing this moment is left to it.
 */
export async function syncShipmentNow(db: Db, shipmentId: string): Promise<SyncNowResult> {
  const before = await findShipmentSyncState(db, shipmentId);
  if (!before) throw new Error(`no shipment ${shipmentId}`);
  const engine = await sharedSyncEngine();
  const report = await engine.runOnce({ shipmentIds: [shipmentId] });
  const after = await findShipmentSyncState(db, shipmentId);
  if (!after) throw new Error(`no shipment ${shipmentId}`);
  return { status: after.status, previousStatus: before.status, changed: after.status !== before.status, report, lastError: after.lastError };
}

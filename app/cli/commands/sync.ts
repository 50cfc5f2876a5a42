import { closeDatabase, database } from "~/data/client.server";
import { syncShipmentNow } from "~/services/sync/sync-now.server";
import { UsageError, type CliCommand } from "~/cli/command";
import { countTrackingEvents, shipmentsByTrackingNumber } from "~/data/shipments.server";

export const syncCommand: CliCommand = {
  name: "sync",
  summary: "Sync one shipment with its carrier now and print the result",
  usage: `Usage: npm run --silent cli -- sync <tracking-number> [--shop <domain>] [--json]

Fetches the carrier's current tracking for the shipment(s) with this number (one per shop
unless --shop narrows it), merges the events, re-derives the status and prints what changed.
Exit code 1 when the carrier could not be reached or no shipment has that number.`,
  async run(args, io) {
    const json = args.includes("--json");
    const shopIndex = args.indexOf("--shop");
    const shop = shopIndex >= 0 ? args[shopIndex + 1] : undefined;
    if (shopIndex >= 0 && !shop) throw new UsageError("--shop needs a shop domain");
    const positional = args.filter((arg, index) => !arg.startsWith("--") && (shopIndex < 0 || index !== shopIndex + 1));
    const trackingNumber = positional[0]?.replace(/[\s-]/g, "").toUpperCase();
    if (!trackingNumber) throw new UsageError("give a tracking number");
    const { db } = database();
    try {
      const shipments = await shipmentsByTrackingNumber(db, trackingNumber, shop);
      if (shipments.length === 0) {
        io.stderr(`no shipment with tracking number ${trackingNumber}${shop ? ` in ${shop}` : ""}\n`);
        return 1;
      }
      let ok = true;
      for (const shipment of shipments) {
        const result = await syncShipmentNow(db, shipment.id);
        const events = await countTrackingEvents(db, shipment.id);
        ok &&= result.lastError === null;
        if (json) {
          io.stdout(`${JSON.stringify({ shipmentId: shipment.id, shop: shipment.shopDomain, order: shipment.orderName, trackingNumber, ...result, events })}\n`);
        } else {
          io.stdout(
            `${shipment.shopDomain} ${shipment.orderName} ${trackingNumber}: ${result.previousStatus} → ${result.status}` +
              `${result.changed ? " (changed)" : ""}, ${events} events` +
              `${result.lastError ? `, error: ${result.lastError}` : ""}\n`,
          );
        }
      }
      return ok ? 0 : 1;
    } finally {
      await closeDatabase();
    }
  },
};

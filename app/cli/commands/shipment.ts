import { parseArgs } from "node:util";
import { listCarrierNameMappings } from "~/data/carrier-name-mappings.server";
import { closeDatabase, database } from "~/data/client.server";
import { findShipmentsForSupport } from "~/data/fulfillments.server";
import { resolveCarrierName } from "~/domain/tracking-number/carrier-names";
import { detectTrackingNumber } from "~/domain/tracking-number/detect";
import { orderNameCandidates } from "~/data/identity.server";
import { UsageError, type CliCommand } from "~/cli/command";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const shipmentCommand: CliCommand = {
  name: "shipment",
  summary: "Look a shipment up by tracking number or order name (carrier, status, events, write-back)",
  usage: `Usage: npm run --silent cli -- shipment <tracking-number|order-name> [--shop <domain>] [--json]

Prints every shipment whose tracking number (as typed, normalized, or the number inside a
longer barcode) or order name ("#1001", "1001") matches, in DATABASE_URL: carrier and how the
declared carrier name resolves, status and flags, tracking-number problems, every carrier
event, and what was written back to Shopify. Exit code 1 when nothing matches.`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { shop: { type: "string" }, json: { type: "boolean" } }, allowPositionals: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const input = parsed.positionals.join(" ").trim();
    if (!input) throw new UsageError("give a tracking number or an order name");
    const shop = parsed.values.shop;
    const detection = detectTrackingNumber(input);
    const trackingNumbers = [...new Set([input.trim(), detection.normalized, ...detection.candidates.map((candidate) => candidate.trackingNumber)])].filter(Boolean);
    const { db } = database();
    try {
      const rows = await findShipmentsForSupport(db, { trackingNumbers, orderNames: orderNameCandidates(input), ...(shop ? { shopDomain: shop } : {}) });
      const mappingsByShop = new Map<string, Awaited<ReturnType<typeof listCarrierNameMappings>>>();
      for (const domain of new Set(rows.map((row) => row.shopDomain))) mappingsByShop.set(domain, await listCarrierNameMappings(db, domain));
      const shipments = rows.map((row) => ({
        shop: row.shopDomain,
        id: row.id,
        orderName: row.orderName,
        orderId: row.orderId,
        fulfillmentId: row.fulfillmentId,
        trackingNumber: row.trackingNumber,
        trackingUrl: row.trackingUrl,
        declaredCarrier: row.declaredCarrier,
        declaredCarrierResolvesTo: row.declaredCarrier ? resolveCarrierName(row.declaredCarrier, mappingsByShop.get(row.shopDomain)) : null,
        carrier: row.carrier,
        status: row.status,
        subStatus: row.subStatus,
        flags: { stalled: row.stalled, late: row.late, notPickedUp: row.notPickedUp },
        trackingIssue: row.trackingIssue ? { kind: row.trackingIssue, detail: row.trackingIssueDetail } : null,
        destinationCountry: row.destinationCountry,
        estimatedDelivery: { start: iso(row.estimatedDeliveryAt), end: iso(row.estimatedDeliveryEnd) },
        deliveredAt: iso(row.deliveredAt),
        sync: {
          lastCheckedAt: iso(row.lastCheckedAt),
          nextCheckAt: iso(row.nextCheckAt),
          lastError: row.lastError,
          stoppedAt: iso(row.trackingStoppedAt),
          stopReason: row.stopReason,
        },
        events: row.events.map((event) => ({
          occurredAt: event.occurredAt.toISOString(),
          status: event.status,
          subStatus: event.subStatus,
          description: event.description,
          location: [event.city, event.province, event.country].filter(Boolean).join(", ") || null,
        })),
        writeBack: {
          shopifyStatus: row.shopifyStatus,
          shopifyStatusAt: iso(row.shopifyStatusAt),
          outbox: row.writeBacks.map((writeBack) => ({
            id: writeBack.id,
            status: writeBack.status,
            shopifyStatus: writeBack.shopifyStatus,
            happenedAt: writeBack.happenedAt.toISOString(),
            state: writeBack.state,
            attempts: writeBack.attempts,
            lastError: writeBack.lastError,
          })),
        },
      }));
      if (parsed.values.json) {
        io.stdout(`${JSON.stringify(shipments, null, 2)}\n`);
      } else if (shipments.length === 0) {
        io.stderr(`no shipment matches "${input}"${shop ? ` in ${shop}` : ""}\n`);
      } else {
        for (const shipment of shipments) {
          const flags = Object.entries(shipment.flags).filter(([, on]) => on).map(([name]) => name);
          io.stdout(`${shipment.shop} ${shipment.orderName} ${shipment.trackingNumber} (${shipment.carrier ?? "carrier unknown"}, declared ${shipment.declaredCarrier ?? "—"})\n`);
          io.stdout(`  status: ${shipment.status}${shipment.subStatus ? ` / ${shipment.subStatus}` : ""}${flags.length ? ` [${flags.join(", ")}]` : ""}${shipment.sync.stopReason ? ` — tracking stopped: ${shipment.sync.stopReason}` : ""}\n`);
          if (shipment.trackingIssue) io.stdout(`  ⚠ ${shipment.trackingIssue.kind}: ${shipment.trackingIssue.detail}\n`);
          for (const event of shipment.events) io.stdout(`  ${event.occurredAt}  ${event.status.padEnd(20)} ${event.description}${event.location ? ` (${event.location})` : ""}\n`);
          io.stdout(`  Shopify shows: ${shipment.writeBack.shopifyStatus ?? "nothing yet"}\n`);
          for (const row of shipment.writeBack.outbox) io.stdout(`    ${row.happenedAt} ${row.shopifyStatus} ${row.state}${row.lastError ? ` (${row.lastError})` : ""}\n`);
        }
      }
      return shipments.length > 0 ? 0 : 1;
    } finally {
      await closeDatabase();
    }
  },
};

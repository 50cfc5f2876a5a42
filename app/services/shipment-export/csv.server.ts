import type { Db } from "~/data/db.server";
import { exportShipmentBatches, type ExportRow } from "~/data/exports.server";
import type { ShipmentFilter } from "~/data/shipments.server";

/**
 * The shipments list as CSV: all rows of the current filter (not just the page), streamed batch
 * by batch so a million-row export never sits in memory. Cells are RFC 4180 quoted, and text that
 * a spreadsheet would run as a formula (=, +, -, @ …) is defused with a leading apostrophe.
 */
const COLUMNS: { header: string; value: (row: ExportRow) => string | number | boolean | Date | null }[] = [
  { header: "Order", value: (row) => row.orderName },
  { header: "Tracking number", value: (row) => row.trackingNumber },
  { header: "Carrier", value: (row) => row.carrier },
  { header: "Carrier (as declared)", value: (row) => row.declaredCarrier },
  { header: "Status", value: (row) => row.status },
  { header: "Reason", value: (row) => row.subStatus },
  { header: "Stalled", value: (row) => row.stalled },
  { header: "Late", value: (row) => row.late },
  { header: "Not picked up", value: (row) => row.notPickedUp },
  { header: "Tracking issue", value: (row) => row.trackingIssue },
  { header: "Return", value: (row) => row.isReturn },
  { header: "Origin", value: (row) => row.originCountry },
  { header: "Destination", value: (row) => row.destinationCountry },
  { header: "Fulfilled at (UTC)", value: (row) => row.createdAt },
  { header: "Estimated delivery (UTC)", value: (row) => row.estimatedDeliveryAt },
  { header: "Delivered at (UTC)", value: (row) => row.deliveredAt },
  { header: "Last carrier scan (UTC)", value: (row) => row.lastEventAt },
  { header: "Status in Shopify", value: (row) => row.shopifyStatus },
  { header: "Trackline id", value: (row) => row.id },
];

export function csvCell(value: string | number | boolean | Date | null): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "yes" : "no";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = `${COLUMNS.map((column) => csvCell(column.header)).join(",")}\r\n`;

export function csvLine(row: ExportRow): string {
  return `${COLUMNS.map((column) => csvCell(column.value(row))).join(",")}\r\n`;
}

/** A byte stream of the CSV; pulls the next batch only when the client has taken the previous one. */
export function shipmentsCsvStream(db: Db, shopDomain: string, filter: ShipmentFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = exportShipmentBatches(db, shopDomain, filter);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark so spreadsheet apps read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${CSV_HEADER}`));
        return;
      }
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export function eventsExportFileName(shopDomain: string, now: Date): string {
  return `trackline-events-${shopDomain.replace(/\.myshopify\.com$/, "")}-${now.toISOString().slice(0, 10)}.csv`;
}

export function exportFileName(shopDomain: string, now: Date): string {
  return `trackline-shipments-${shopDomain.replace(/\.myshopify\.com$/, "")}-${now.toISOString().slice(0, 10)}.csv`;
}

import type { Db } from "~/data/db.server";
import { exportEventBatches, type EventExportRow } from "~/data/event-exports.server";
import type { ShipmentFilter } from "~/data/shipments.server";
import { csvCell } from "./csv.server";

/** Every carrier event of the filtered shipments as CSV, streamed like the shipments export. */
const COLUMNS: { header: string; value: (row: EventExportRow) => string | boolean | Date | null }[] = [
  { header: "Order", value: (row) => row.orderName },
  { header: "Tracking number", value: (row) => row.trackingNumber },
  { header: "Carrier", value: (row) => row.carrier },
  { header: "Return", value: (row) => row.isReturn },
  { header: "Occurred at (UTC)", value: (row) => row.occurredAt },
  { header: "Carrier local time", value: (row) => row.localTime },
  { header: "Status", value: (row) => row.status },
  { header: "Reason", value: (row) => row.subStatus },
  { header: "Carrier code", value: (row) => row.carrierCode },
  { header: "Description", value: (row) => row.description },
  { header: "City", value: (row) => row.city },
  { header: "Province", value: (row) => row.province },
  { header: "Postal code", value: (row) => row.postalCode },
  { header: "Country", value: (row) => row.country },
  { header: "Trackline shipment id", value: (row) => row.shipmentId },
];

export const EVENTS_CSV_HEADER = `${COLUMNS.map((column) => csvCell(column.header)).join(",")}\r\n`;

export function eventsCsvStream(db: Db, shopDomain: string, filter: ShipmentFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = exportEventBatches(db, shopDomain, filter);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${EVENTS_CSV_HEADER}`));
        return;
      }
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => `${COLUMNS.map((column) => csvCell(column.value(row))).join(",")}\r\n`).join("")));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

import type { DemoShop } from "../demo/demo-data";
import type { Db } from "./db.server";

/** Writes a demo shop (replacing any previous demo data of that shop) in one transaction. */
export async function writeDemoShop(db: Db, shop: DemoShop): Promise<{ shipments: number; events: number; lookups: number }> {
  let events = 0;
  let lookups = 0;
  await db.$transaction(
    async (tx) => {
      // Cascades remove the shop's shipments, events and lookups.
      await tx.shop.deleteMany({ where: { domain: shop.domain } });
      await tx.shop.create({ data: { domain: shop.domain, name: shop.name, timezone: "America/New_York" } });
      const shipmentRows = shop.shipments.map((shipment) => ({
        id: shipment.id,
        shopDomain: shop.domain,
        orderId: shipment.orderId,
        orderName: shipment.orderName,
        orderCreatedAt: shipment.orderCreatedAt,
        fulfillmentId: shipment.fulfillmentId,
        fulfillmentCreatedAt: shipment.fulfillmentCreatedAt,
        sourceUpdatedAt: shipment.fulfillmentCreatedAt,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl,
        declaredCarrier: shipment.declaredCarrier,
        carrier: shipment.carrier,
        status: shipment.state.status,
        subStatus: shipment.state.subStatus,
        stalled: shipment.state.flags.stalled,
        late: shipment.state.flags.late,
        notPickedUp: shipment.state.flags.notPickedUp,
        estimatedDeliveryAt: shipment.estimatedDeliveryAt,
        estimatedDeliveryEnd: shipment.estimatedDeliveryEnd,
        pickedUpAt: toDate(shipment.state.pickedUpAt),
        deliveredAt: toDate(shipment.state.deliveredAt),
        lastEventAt: toDate(shipment.state.lastEventAt),
        lastCheckedAt: shipment.events.length > 0 ? toDate(shipment.state.lastEventAt) : null,
        nextCheckAt: toDate(shipment.state.nextCheckAt),
        originCountry: shipment.originCountry,
        destinationCountry: shipment.destinationCountry,
        lineItemCount: shipment.lineItemCount,
        isReturn: shipment.state.status === "returning" || shipment.state.status === "returned",
        customerEmailHash: shipment.customerEmailHash,
        createdAt: shipment.fulfillmentCreatedAt,
      }));
      for (const chunk of chunks(shipmentRows, 200)) await tx.shipment.createMany({ data: chunk });

      const eventRows = shop.shipments.flatMap((shipment) =>
        shipment.events.map((event) => ({
          shipmentId: shipment.id,
          occurredAt: new Date(event.occurredAt),
          localTime: event.localTime ?? null,
          status: event.status,
          subStatus: event.subStatus ?? null,
          carrierCode: event.carrierCode,
          description: event.description,
          city: event.location?.city ?? null,
          province: event.location?.province ?? null,
          postalCode: event.location?.postalCode ?? null,
          country: event.location?.country ?? null,
          rawPayload: event.raw === undefined ? null : JSON.stringify(event.raw),
          dedupeKey: event.dedupeKey,
        })),
      );
      for (const chunk of chunks(eventRows, 500)) await tx.trackingEvent.createMany({ data: chunk });
      events = eventRows.length;

      const lookupRows = shop.shipments.flatMap((shipment) =>
        shipment.lookups.map((lookup) => ({
          shopDomain: shop.domain,
          shipmentId: shipment.id,
          orderId: shipment.orderId,
          surface: lookup.surface,
          occurredAt: lookup.occurredAt,
        })),
      );
      for (const chunk of chunks(lookupRows, 500)) await tx.lookupEvent.createMany({ data: chunk });
      lookups = lookupRows.length;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { shipments: shop.shipments.length, events, lookups };
}

function toDate(iso: string | null): Date | null {
  return iso ? new Date(iso) : null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

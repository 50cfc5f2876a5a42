import { utcOffsetSpans } from "~/domain/zoned-time";
import type { Db, DbProvider } from "./db.server";
import { rebuildStatements } from "./day-summaries.sql";

/**
 * The shop's local-day summaries (see day-summaries.sql.ts) are computed with the UTC offsets of
 * its time zone, stored in ShopUtcOffset. When the zone they were built for is not the shop's
 * (a new shop, a zone changed in Shopify, summaries never built since the upgrade), the offsets
 * are written again and the shop's per-day rows recomputed from its shipments and lookups, in
 * one transaction. The triggers keep them from then on.
 */

/** Offsets are spelled out over this window; earlier instants use its first offset, later ones its last. */
const SPANS_FROM_MS = Date.UTC(2000, 0, 1);
const SPANS_TO_MS = Date.UTC(2060, 0, 1);
const EPOCH_MS = 0;

const spansByZone = new Map<string, { startsAtMs: number; offsetMinutes: number }[]>();

function offsetSpans(timeZone: string) {
  let spans = spansByZone.get(timeZone);
  if (!spans) {
    spans = utcOffsetSpans(timeZone, SPANS_FROM_MS, SPANS_TO_MS);
    // The first span reaches back to 1970, so every stored instant has an offset row.
    spans[0] = { startsAtMs: EPOCH_MS, offsetMinutes: spans[0]!.offsetMinutes };
    spansByZone.set(timeZone, spans);
  }
  return spans;
}

/** Makes sure the shop's summaries are built for `timeZone` (cheap when they are). */
export async function ensureDaySummaries(db: Db, provider: DbProvider, shopDomain: string, timeZone: string): Promise<"current" | "rebuilt"> {
  const built = await db.shopUtcOffset.findFirst({ where: { shopDomain }, select: { timezone: true } });
  if (built?.timezone === timeZone) return "current";
  await rebuildDaySummaries(db, provider, shopDomain, timeZone);
  return "rebuilt";
}

export async function rebuildDaySummaries(db: Db, provider: DbProvider, shopDomain: string, timeZone: string): Promise<void> {
  const spans = offsetSpans(timeZone);
  await db.$transaction(
    async (tx) => {
      // Two dashboards opening at once rebuild one after the other, the second finding it done.
      if (provider === "postgres") {
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1))", `day-summaries:${shopDomain}`);
        const built = await tx.shopUtcOffset.findFirst({ where: { shopDomain }, select: { timezone: true } });
        if (built?.timezone === timeZone) return;
      }
      await tx.shopUtcOffset.deleteMany({ where: { shopDomain } });
      await tx.shopUtcOffset.createMany({
        data: spans.map((span) => ({ shopDomain, startsAt: new Date(span.startsAtMs), offsetMinutes: span.offsetMinutes, timezone: timeZone })),
      });
      for (const statement of rebuildStatements(provider)) await tx.$executeRawUnsafe(statement, shopDomain);
    },
    // A large shop's first build reads every shipment once.
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/** Everything the summaries hold for a shop (shop erasure). */
export async function deleteDaySummaries(client: Pick<Db, "shopUtcOffset" | "shipmentDayStat" | "deliveryDayStat" | "lookupDayStat" | "orderSummary">, shopDomain: string) {
  const where = { shopDomain };
  const counts = await Promise.all([
    client.shopUtcOffset.deleteMany({ where }),
    client.shipmentDayStat.deleteMany({ where }),
    client.deliveryDayStat.deleteMany({ where }),
    client.lookupDayStat.deleteMany({ where }),
    client.orderSummary.deleteMany({ where }),
  ]);
  return counts.reduce((sum, { count }) => sum + count, 0);
}

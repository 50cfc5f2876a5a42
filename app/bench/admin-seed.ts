import type { Db, DbProvider } from "~/data/db.server";

/**
 * Bulk seeding for the admin benchmark: rows are generated inside the database (a recursive CTE
 * on SQLite, generate_series on Postgres) from a row number, so a million shipments take one
 * INSERT … SELECT per chunk instead of a million round trips. Values are derived from the row
 * number with multiplicative hashing: deterministic, spread like a real shop (six carriers, lanes,
 * a year of fulfillments, 60% delivered, a few percent in trouble).
 */
export interface SeedPlan {
  shop: string;
  shipments: number;
  /** Row numbers start here (keeps ids unique across shops). */
  offset: number;
  /** Fulfillments spread over this many days before `now`. */
  days: number;
  now: Date;
}

const CARRIERS = ["ups", "fedex", "usps", "dhl", "china_post", "yunexpress"];
const COUNTRIES = ["US", "US", "US", "CA", "GB", "DE", "AU"];

function pick(values: readonly string[], expression: string): string {
  return `CASE (${expression}) % ${values.length} ${values.map((value, index) => `WHEN ${index} THEN '${value}'`).join(" ")} END`;
}

/** SQL for the per-row values, given the row number column `i` and an epoch-seconds helper. */
function shipmentColumns(provider: DbProvider, plan: SeedPlan): { columns: string; select: string } {
  const nowSeconds = Math.floor(plan.now.getTime() / 1000);
  const ts = (seconds: string) =>
    provider === "postgres"
      ? `(to_timestamp(${seconds}) AT TIME ZONE 'UTC')`
      : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${seconds}, 'unixepoch')`;
  const created = `(${nowSeconds} - ((i * 7919) % ${plan.days * 86400}))`;
  const roll = `((i * 2654435761) % 100)`;
  const status = `CASE WHEN ${roll} < 60 THEN 'delivered' WHEN ${roll} < 75 THEN 'in_transit' WHEN ${roll} < 80 THEN 'out_for_delivery' WHEN ${roll} < 85 THEN 'info_received' WHEN ${roll} < 88 THEN 'exception' WHEN ${roll} < 90 THEN 'attempt_failed' WHEN ${roll} < 92 THEN 'pending' WHEN ${roll} < 94 THEN 'invalid' WHEN ${roll} < 96 THEN 'returning' ELSE 'picked_up' END`;
  const delivered = `CASE WHEN ${roll} < 60 THEN ${ts(`${created} + 86400 + (i % 7) * 86400 + (i % 5000)`)} ELSE NULL END`;
  const bool = (expression: string) => (provider === "postgres" ? `(${expression})` : `CASE WHEN ${expression} THEN 1 ELSE 0 END`);
  const hex = provider === "postgres" ? `md5(i::text)` : `lower(hex(randomblob(16)))`;
  const columns = `"id","shopDomain","orderId","orderName","orderCreatedAt","fulfillmentId","fulfillmentCreatedAt","trackingNumber","carrier","status","subStatus","stalled","late","notPickedUp","estimatedDeliveryAt","deliveredAt","lastEventAt","originCountry","destinationCountry","isReturn","customerEmailHash","createdAt","updatedAt"`;
  const select = [
    `'b' || i`,
    `'${plan.shop}'`,
    `'gid://shopify/Order/' || (i / 2)`,
    `'#' || (100000 + i / 2)`,
    ts(`${created} - 21600`),
    `'gid://shopify/Fulfillment/' || i`,
    ts(created),
    `'BT' || (1000000000 + i)`,
    pick(CARRIERS, "i"),
    status,
    `CASE WHEN ${roll} >= 85 AND ${roll} < 88 THEN 'customs_hold' WHEN ${roll} >= 88 AND ${roll} < 90 THEN 'recipient_unavailable' ELSE NULL END`,
    bool(`${roll} >= 60 AND ${roll} < 75 AND i % 9 = 0`),
    bool(`${roll} >= 60 AND ${roll} < 80 AND i % 11 = 0`),
    bool(`${roll} >= 80 AND ${roll} < 85 AND i % 3 = 0`),
    ts(`${created} + 4 * 86400`),
    delivered,
    ts(`${created} + 3600`),
    pick(COUNTRIES, "i / 7"),
    pick(COUNTRIES, "i / 3"),
    bool(`${roll} >= 94 AND ${roll} < 96`),
    hex,
    ts(created),
    ts(created),
  ].join(", ");
  return { columns, select };
}

function rowNumbers(provider: DbProvider, from: number, to: number): string {
  return provider === "postgres"
    ? // bigint row numbers: i * 7919 passes 2^31 a little after the 270,000th row.
      `FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)`
    : `FROM (WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to}) SELECT i FROM n)`;
}

export async function seedShipments(db: Db, provider: DbProvider, plan: SeedPlan, chunk = 100_000): Promise<void> {
  await db.shop.upsert({ where: { domain: plan.shop }, create: { domain: plan.shop, timezone: "America/New_York" }, update: {} });
  const { columns, select } = shipmentColumns(provider, plan);
  for (let from = plan.offset; from < plan.offset + plan.shipments; from += chunk) {
    const to = Math.min(from + chunk, plan.offset + plan.shipments) - 1;
    await db.$executeRawUnsafe(`INSERT INTO "Shipment" (${columns}) SELECT ${select} ${rowNumbers(provider, from, to)}`);
  }
}

/** Two carrier events per shipment (label created, latest scan) and shopper lookups for a third of orders. */
export async function seedEventsAndLookups(db: Db, provider: DbProvider, plan: SeedPlan, chunk = 100_000): Promise<void> {
  const instant = provider === "postgres" ? `NOW()` : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')`;
  const surface = pick(["storefront", "storefront", "customer_account", "admin"], "i");
  for (let from = plan.offset; from < plan.offset + plan.shipments; from += chunk) {
    const to = Math.min(from + chunk, plan.offset + plan.shipments) - 1;
    for (const [suffix, status] of [["a", "info_received"], ["b", "in_transit"]] as const) {
      await db.$executeRawUnsafe(
        `INSERT INTO "TrackingEvent" ("id","shipmentId","occurredAt","status","carrierCode","description","rawPayload","dedupeKey","createdAt")
         SELECT 'e${suffix}' || i, 'b' || i, s."createdAt", '${status}', '${suffix === "a" ? "M" : "I"}', 'Scan', '{"bench":true}', '${suffix}' || i, ${instant}
         ${rowNumbers(provider, from, to)} JOIN "Shipment" s ON s."id" = 'b' || i`,
      );
    }
    await db.$executeRawUnsafe(
      `INSERT INTO "LookupEvent" ("id","shopDomain","shipmentId","orderId","surface","occurredAt")
       SELECT 'l' || i, s."shopDomain", s."id", s."orderId", ${surface}, s."lastEventAt"
       ${rowNumbers(provider, from, to)} JOIN "Shipment" s ON s."id" = 'b' || i WHERE i % 3 = 0`,
    );
  }
  // Statistics as a live database has them (autoanalyze / `PRAGMA optimize`); on Postgres also the
  // visibility map autovacuum keeps, without which no index-only scan can skip the heap.
  await db.$executeRawUnsafe(provider === "postgres" ? `VACUUM ANALYZE` : `ANALYZE`);
}

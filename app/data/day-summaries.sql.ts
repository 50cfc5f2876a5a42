import type { DbProvider } from "./db.server";

/**
 * SQL of the dashboard's summaries, for both providers, from one description.
 *
 * The dashboard's periods are whole days in the shop's time zone, so what it adds up is kept per
 * local day: shipments by day created × carrier × status (× problem reason), deliveries by day
 * delivered × carrier or lane × business days, lookups by day × surface — and one row per order
 * (when its first parcel was fulfilled, how often shoppers looked it up). Database triggers keep
 * them, so every write path (webhooks, backfill, the sync engine's batched SQL, pushes,
 * compliance erasure, seeds) updates them in the same transaction as the row it changes.
 *
 * A local day is computed from the instant and the shop's UTC offset in effect at that instant
 * (ShopUtcOffset, the transitions of its IANA zone, written by day-summaries.server.ts) — exact
 * across DST, the same days the period filter in the list uses. When the shop's zone changes the
 * per-day summaries are rebuilt (rebuildStatements).
 *
 * Used by the migration that creates them (a test checks the checked-in SQL equals this) and at
 * run time for rebuilds.
 */

type Row = string;
type Sign = "1" | "-1";

const col = (row: Row, name: string) => `${row}."${name}"`;

/** Local day number (days since 1970-01-01 in the shop's zone) of an instant column of `row`. */
function localDay(provider: DbProvider, row: Row, instant: string): string {
  const offset = `COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = ${col(row, "shopDomain")} AND o."startsAt" <= ${instant} ORDER BY o."startsAt" DESC LIMIT 1), 0)`;
  return provider === "postgres"
    ? `CAST(FLOOR((date_part('epoch', ${instant}) / 60 + ${offset}) / 1440) AS INTEGER)`
    : `((CAST(strftime('%s', ${instant}) AS INTEGER) / 60 + ${offset}) / 1440)`;
}

/**
 * Monday–Friday days among local day numbers [0, n). Day 0 (1970-01-01) was a Thursday, so a
 * week counted from day 0 runs Thu Fri Sat Sun Mon Tue Wed: cumulative weekdays 0 1 2 2 2 3 4.
 */
function weekdaysBefore(n: string): string {
  return `(5 * ((${n}) / 7) + CASE (${n}) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)`;
}

/** Business days begun after day `from` up to and including day `to` (app/domain/business-days.ts), never negative. */
function businessDays(from: string, to: string): string {
  const difference = `(${weekdaysBefore(`${to} + 1`)} - ${weekdaysBefore(`${from} + 1`)})`;
  return `CASE WHEN ${difference} > 0 THEN ${difference} ELSE 0 END`;
}

interface Summary {
  table: string;
  keys: string[];
  values: string[];
  /** Shipment or LookupEvent columns whose change moves the row's contribution. */
  sourceColumns: string[];
  /**
   * SELECT of the row's contribution (columns named as keys then values), signed; `from` is
   * empty in a trigger (the row is NEW/OLD) or a FROM … WHERE clause in a rebuild.
   */
  select(provider: DbProvider, row: Row, sign: Sign, from: string): string;
}

const PROBLEM_STATUSES = `('exception', 'attempt_failed')`;

const shipmentDayStat: Summary = {
  table: "ShipmentDayStat",
  keys: ["shopDomain", "day", "carrier", "status", "subStatus"],
  values: ["shipments", "stalled", "late", "notPickedUp", "withTrackingIssue"],
  sourceColumns: ["shopDomain", "createdAt", "carrier", "status", "subStatus", "stalled", "late", "notPickedUp", "trackingIssue"],
  select: (provider, row, sign, from) => `SELECT ${col(row, "shopDomain")} AS "shopDomain",
      ${localDay(provider, row, col(row, "createdAt"))} AS "day",
      COALESCE(${col(row, "carrier")}, '') AS "carrier",
      ${col(row, "status")} AS "status",
      CASE WHEN ${col(row, "status")} IN ${PROBLEM_STATUSES} THEN COALESCE(${col(row, "subStatus")}, '') ELSE '' END AS "subStatus",
      ${sign} AS "shipments",
      CASE WHEN ${col(row, "stalled")} THEN ${sign} ELSE 0 END AS "stalled",
      CASE WHEN ${col(row, "late")} THEN ${sign} ELSE 0 END AS "late",
      CASE WHEN ${col(row, "notPickedUp")} THEN ${sign} ELSE 0 END AS "notPickedUp",
      CASE WHEN ${col(row, "trackingIssue")} IS NOT NULL THEN ${sign} ELSE 0 END AS "withTrackingIssue"
    ${from || "WHERE 1 = 1"}`,
};

/**
 * Deliveries: four rows per delivered shipment — fulfillment → delivered and order → delivered
 * business days, by carrier and by lane (origin>destination, when both are known). The carrier
 * rows of the "ship" measure also carry the on-time counts (against the carrier's estimate and
 * our prediction), so each delivery is counted there exactly once.
 */
const deliveryDayStat: Summary = {
  table: "DeliveryDayStat",
  keys: ["shopDomain", "day", "dimension", "value", "measure", "businessDays"],
  values: ["deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction"],
  sourceColumns: [
    "shopDomain",
    "status",
    "deliveredAt",
    "carrier",
    "originCountry",
    "destinationCountry",
    "fulfillmentCreatedAt",
    "createdAt",
    "orderCreatedAt",
    "estimatedDeliveryAt",
    "estimatedDeliveryEnd",
    "predictedDeliveryAt",
  ],
  select: (provider, row, sign, from) => {
    const day = (instant: string) => localDay(provider, row, instant);
    const delivered = col(row, "deliveredAt");
    const days = `SELECT ${col(row, "shopDomain")} AS "shopDomain",
        COALESCE(${col(row, "carrier")}, '') AS "carrier",
        CASE WHEN ${col(row, "originCountry")} IS NOT NULL AND ${col(row, "destinationCountry")} IS NOT NULL
          THEN ${col(row, "originCountry")} || '>' || ${col(row, "destinationCountry")} END AS "lane",
        ${day(delivered)} AS "deliveredDay",
        ${day(`COALESCE(${col(row, "fulfillmentCreatedAt")}, ${col(row, "createdAt")})`)} AS "shipDay",
        CASE WHEN ${col(row, "orderCreatedAt")} IS NULL THEN NULL ELSE ${day(col(row, "orderCreatedAt"))} END AS "orderDay",
        CASE WHEN ${col(row, "estimatedDeliveryAt")} IS NULL THEN NULL
          ELSE ${day(`COALESCE(${col(row, "estimatedDeliveryEnd")}, ${col(row, "estimatedDeliveryAt")})`)} END AS "estimateDay",
        CASE WHEN ${col(row, "predictedDeliveryAt")} IS NULL THEN NULL ELSE ${day(col(row, "predictedDeliveryAt"))} END AS "predictionDay"
      ${from ? `${from} AND` : "WHERE"} ${col(row, "status")} = 'delivered' AND ${delivered} IS NOT NULL`;
    const onTime = (condition: string) => `CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND ${condition} THEN ${sign} ELSE 0 END`;
    return `SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
      CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
      m."measure" AS "measure",
      CASE WHEN m."measure" = 'ship' THEN ${businessDays(`d."shipDay"`, `d."deliveredDay"`)} ELSE ${businessDays(`d."orderDay"`, `d."deliveredDay"`)} END AS "businessDays",
      ${sign} AS "deliveries",
      ${onTime(`d."estimateDay" IS NOT NULL`)} AS "withEstimate",
      ${onTime(`d."deliveredDay" <= d."estimateDay"`)} AS "onTimeEstimate",
      ${onTime(`d."predictionDay" IS NOT NULL`)} AS "withPrediction",
      ${onTime(`d."deliveredDay" <= d."predictionDay"`)} AS "onTimePrediction"
    FROM (${days}) d
    CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
    WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)`;
  },
};

const lookupDayStat: Summary = {
  table: "LookupDayStat",
  keys: ["shopDomain", "day", "surface"],
  values: ["lookups"],
  sourceColumns: ["shopDomain", "occurredAt", "surface"],
  select: (provider, row, sign, from) => `SELECT ${col(row, "shopDomain")} AS "shopDomain",
      ${localDay(provider, row, col(row, "occurredAt"))} AS "day",
      ${col(row, "surface")} AS "surface",
      ${sign} AS "lookups"
    ${from || "WHERE 1 = 1"}`,
};

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

/** Adds a row's signed contribution (trigger body statement). */
function addContribution(provider: DbProvider, summary: Summary, row: Row, sign: Sign): string {
  const { table, keys, values } = summary;
  return `INSERT INTO "${table}" (${quoted([...keys, ...values])})
    ${summary.select(provider, row, sign, "")}
    ON CONFLICT (${quoted(keys)}) DO UPDATE SET ${values.map((value) => `"${value}" = "${table}"."${value}" + excluded."${value}"`).join(", ")};`;
}

/** One shop's rows of a summary from scratch (the caller deleted them first); `$shop` is the parameter. */
function rebuildSummary(provider: DbProvider, summary: Summary, source: string, shopParameter: string): string {
  const { table, keys, values } = summary;
  const from = `FROM "${source}" s WHERE s."shopDomain" = ${shopParameter}`;
  return `INSERT INTO "${table}" (${quoted([...keys, ...values])})
    SELECT ${quoted(keys)}, ${values.map((value) => `SUM("${value}")`).join(", ")}
    FROM (${summary.select(provider, "s", "1", from)}) c
    GROUP BY ${quoted(keys)}`;
}

/** Order summary: the order's first parcel (earliest shipment) and its shopper lookups so far. */
function addOrder(provider: DbProvider, row: Row): string {
  const earlier = `CASE WHEN excluded."firstShipmentAt" < "OrderSummary"."firstShipmentAt" THEN excluded."firstShipmentAt" ELSE "OrderSummary"."firstShipmentAt" END`;
  return `INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
    VALUES (${col(row, "shopDomain")}, ${col(row, "orderId")}, ${col(row, "createdAt")},
      (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = ${col(row, "shopDomain")} AND l."orderId" = ${col(row, "orderId")} AND l."surface" <> 'admin'))
    ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = ${earlier};`;
}

/** After a shipment left an order (deleted, moved, re-dated): the order's first parcel again, or no row. */
function recomputeOrder(row: Row): string {
  const same = `"shopDomain" = ${col(row, "shopDomain")} AND "orderId" = ${col(row, "orderId")}`;
  return `DELETE FROM "OrderSummary" WHERE ${same}
      AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = ${col(row, "shopDomain")} AND s."orderId" = ${col(row, "orderId")});
    UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = ${col(row, "shopDomain")} AND s."orderId" = ${col(row, "orderId")})
      WHERE ${same};`;
}

/** A shopper lookup (not an admin view) of a known order moves the order's count. */
function countLookup(row: Row, sign: Sign): string {
  return `UPDATE "OrderSummary" SET "shopperLookups" = "shopperLookups" + ${sign}
      WHERE "shopDomain" = ${col(row, "shopDomain")} AND "orderId" = ${col(row, "orderId")} AND ${col(row, "surface")} <> 'admin';`;
}

const ORDER_COLUMNS = ["shopDomain", "orderId", "createdAt"];
const LOOKUP_ORDER_COLUMNS = ["shopDomain", "orderId", "surface"];

function changed(provider: DbProvider, columns: string[]): string {
  const operator = provider === "postgres" ? "IS DISTINCT FROM" : "IS NOT";
  return columns.map((name) => `OLD."${name}" ${operator} NEW."${name}"`).join(" OR ");
}

const indent = (text: string) => text.replace(/^/gm, "  ");

function sqliteTriggers(): string {
  const provider = "sqlite";
  const trigger = (name: string, event: string, body: string[]) => `CREATE TRIGGER "${name}" ${event}\nBEGIN\n${indent(body.join("\n"))}\nEND;`;
  const onUpdate = (summary: Summary) =>
    trigger(`${summary.table}_on_update`, `AFTER UPDATE OF ${quoted(summary.sourceColumns)} ON "${summary.table === "LookupDayStat" ? "LookupEvent" : "Shipment"}" WHEN ${changed(provider, summary.sourceColumns)}`, [
      addContribution(provider, summary, "OLD", "-1"),
      addContribution(provider, summary, "NEW", "1"),
    ]);
  return [
    trigger("Shipment_summaries_on_insert", `AFTER INSERT ON "Shipment"`, [
      addContribution(provider, shipmentDayStat, "NEW", "1"),
      addContribution(provider, deliveryDayStat, "NEW", "1"),
      addOrder(provider, "NEW"),
    ]),
    trigger("Shipment_summaries_on_delete", `AFTER DELETE ON "Shipment"`, [
      addContribution(provider, shipmentDayStat, "OLD", "-1"),
      addContribution(provider, deliveryDayStat, "OLD", "-1"),
      recomputeOrder("OLD"),
    ]),
    onUpdate(shipmentDayStat),
    onUpdate(deliveryDayStat),
    trigger("OrderSummary_on_update", `AFTER UPDATE OF ${quoted(ORDER_COLUMNS)} ON "Shipment" WHEN ${changed(provider, ORDER_COLUMNS)}`, [
      recomputeOrder("OLD"),
      addOrder(provider, "NEW"),
    ]),
    trigger("LookupEvent_summaries_on_insert", `AFTER INSERT ON "LookupEvent"`, [addContribution(provider, lookupDayStat, "NEW", "1"), countLookup("NEW", "1")]),
    trigger("LookupEvent_summaries_on_delete", `AFTER DELETE ON "LookupEvent"`, [addContribution(provider, lookupDayStat, "OLD", "-1"), countLookup("OLD", "-1")]),
    onUpdate(lookupDayStat),
    trigger("OrderSummary_lookups_on_update", `AFTER UPDATE OF ${quoted(LOOKUP_ORDER_COLUMNS)} ON "LookupEvent" WHEN ${changed(provider, LOOKUP_ORDER_COLUMNS)}`, [
      countLookup("OLD", "-1"),
      countLookup("NEW", "1"),
    ]),
  ].join("\n\n");
}

/**
 * Postgres: statement-level triggers over transition tables. The sync engine changes a batch of
 * shipments in one statement, and a row-level trigger would upsert the same few summary rows
 * (today's, one carrier's) hundreds of times in one transaction — each a new row version the
 * next must step over. Here a statement adds each summary key's net change once, in key order:
 * concurrent sync batches upsert the same few keys, and taking their locks in one order keeps
 * two batches from each holding a key the other waits for (a deadlock, which fails a batch).
 */
function netUpsert(provider: DbProvider, summary: Summary, sources: { table: string; sign: Sign; filter: string }[]): string {
  const { table, keys, values } = summary;
  const contributions = sources.map(({ table: source, sign, filter }) => summary.select(provider, "r", sign, `FROM ${source} r WHERE ${filter}`)).join("\n    UNION ALL\n    ");
  return `INSERT INTO "${table}" (${quoted([...keys, ...values])})
    SELECT ${quoted(keys)}, ${values.map((value) => `SUM("${value}")`).join(", ")}
    FROM (${contributions}) c
    GROUP BY ${quoted(keys)}
    HAVING ${values.map((value) => `SUM("${value}") <> 0`).join(" OR ")}
    ORDER BY ${quoted(keys)}
    ON CONFLICT (${quoted(keys)}) DO UPDATE SET ${values.map((value) => `"${value}" = "${table}"."${value}" + excluded."${value}"`).join(", ")};`;
}

/**
 * Rows `r` of an UPDATE's transition table `table` whose `columns` changed. The two tables are not
 * paired; the id pairs them, in one semi-join, so even a plan made for a one-row statement (nested
 * loops) costs at most rows × rows on a larger one.
 */
function changedRows(table: "old_rows" | "new_rows", columns: string[]): string {
  const [partner, before, after] = table === "old_rows" ? ["new_rows", "r", "pair"] : ["old_rows", "pair", "r"];
  return `EXISTS (SELECT 1 FROM ${partner} pair WHERE pair."id" = r."id" AND (${columns.map((name) => `${before}."${name}" IS DISTINCT FROM ${after}."${name}"`).join(" OR ")}))`;
}

function addOrders(source: string, filter: string): string {
  return `INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
    SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
      (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
    FROM ${source} r WHERE ${filter}
    GROUP BY r."shopDomain", r."orderId"
    ORDER BY r."shopDomain", r."orderId"
    ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt");`;
}

function recomputeOrders(source: string, filter: string): string[] {
  const left = `(SELECT DISTINCT r."shopDomain", r."orderId" FROM ${source} r WHERE ${filter}) AS left_order`;
  const same = `"OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId"`;
  return [
    `DELETE FROM "OrderSummary" USING ${left}
    WHERE ${same} AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId");`,
    `UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
    FROM ${left} WHERE ${same};`,
  ];
}

function countLookups(sources: { table: string; sign: Sign; filter: string }[]): string {
  const deltas = sources
    .map(({ table, sign, filter }) => `SELECT r."shopDomain", r."orderId", ${sign} AS "delta" FROM ${table} r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND ${filter}`)
    .join(" UNION ALL ");
  return `UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
    FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (${deltas}) d GROUP BY "shopDomain", "orderId") AS lookup_change
    WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;`;
}

/**
 * Statements of a statement-level trigger, run as planned for the rows at hand. PL/pgSQL plans a
 * static statement once per connection and keeps that plan, made for the size of the transition
 * tables of its first run: planned for one row, a statement that then meets a sync batch of
 * hundreds runs nested loops over them (on Postgres 15, an UPDATE of 400 shipments after an UPDATE
 * of one on the same connection took 160 s, holding its row locks). So a statement of more than
 * CACHED_PLAN_MAX_ROWS rows runs each summary statement through EXECUTE, planned again for its
 * size (a few milliseconds); smaller ones keep the cached plans, where even nested loops cost
 * little.
 */
const CACHED_PLAN_MAX_ROWS = 64;

function plannedForSize(rows: "old_rows" | "new_rows", statements: string[]): string {
  const executed = statements.map((statement) => `EXECUTE $sql$${statement.replace(/;$/, "")}$sql$;`);
  return `IF (SELECT COUNT(*) FROM ${rows}) <= ${CACHED_PLAN_MAX_ROWS} THEN
${indent(statements.join("\n"))}
ELSE
${indent(executed.join("\n"))}
END IF;`;
}

interface TriggerBranches {
  insert: string[];
  update: string[];
  delete: string[];
}

function summaryBranches(): { name: string; table: string; branches: TriggerBranches }[] {
  const provider = "postgres";
  const added = { table: "new_rows", sign: "1" as const, filter: "true" };
  const removed = { table: "old_rows", sign: "-1" as const, filter: "true" };
  const moved = (columns: string[]) => [
    { table: "old_rows", sign: "-1" as const, filter: changedRows("old_rows", columns) },
    { table: "new_rows", sign: "1" as const, filter: changedRows("new_rows", columns) },
  ];
  return [
    {
      name: "shipment_summaries",
      table: "Shipment",
      branches: {
        insert: [netUpsert(provider, shipmentDayStat, [added]), netUpsert(provider, deliveryDayStat, [added]), addOrders("new_rows", "true")],
        update: [
          netUpsert(provider, shipmentDayStat, moved(shipmentDayStat.sourceColumns)),
          netUpsert(provider, deliveryDayStat, moved(deliveryDayStat.sourceColumns)),
          ...recomputeOrders("old_rows", changedRows("old_rows", ORDER_COLUMNS)),
          addOrders("new_rows", changedRows("new_rows", ORDER_COLUMNS)),
        ],
        delete: [netUpsert(provider, shipmentDayStat, [removed]), netUpsert(provider, deliveryDayStat, [removed]), ...recomputeOrders("old_rows", "true")],
      },
    },
    {
      name: "lookup_event_summaries",
      table: "LookupEvent",
      branches: {
        insert: [netUpsert(provider, lookupDayStat, [added]), countLookups([added])],
        update: [netUpsert(provider, lookupDayStat, moved(lookupDayStat.sourceColumns)), countLookups(moved(LOOKUP_ORDER_COLUMNS))],
        delete: [netUpsert(provider, lookupDayStat, [removed]), countLookups([removed])],
      },
    },
  ];
}

/** Postgres: the trigger functions (CREATE OR REPLACE, so a migration can change them in place). */
export function postgresSummaryFunctionsSql(): string {
  return summaryBranches()
    .map(
      ({ name, branches }) => `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
${indent(indent(plannedForSize("new_rows", branches.insert)))}
  ELSIF TG_OP = 'UPDATE' THEN
${indent(indent(plannedForSize("new_rows", branches.update)))}
  ELSE
${indent(indent(plannedForSize("old_rows", branches.delete)))}
  END IF;
  RETURN NULL;
END
$$;`,
    )
    .join("\n\n");
}

/** Postgres: the statement-level triggers that call them. */
export function postgresSummaryTriggersSql(): string {
  return summaryBranches()
    .map(
      ({ name, table }) => `CREATE TRIGGER "${table}_summaries_on_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${name}"();
CREATE TRIGGER "${table}_summaries_on_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "${name}"();
CREATE TRIGGER "${table}_summaries_on_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "${name}"();`,
    )
    .join("\n\n");
}

/** The triggers that keep the summaries (the migration that creates them holds exactly this). */
export function summaryTriggersSql(provider: DbProvider): string {
  return provider === "postgres" ? `${postgresSummaryFunctionsSql()}\n\n${postgresSummaryTriggersSql()}` : sqliteTriggers();
}

/**
 * One shop's per-day summaries recomputed from its rows (after its offsets changed). Each
 * statement takes the shop domain as its only parameter; run them in one transaction.
 */
export function rebuildStatements(provider: DbProvider): string[] {
  const shop = provider === "postgres" ? "$1" : "?1";
  return [
    ...[shipmentDayStat, deliveryDayStat, lookupDayStat].map((summary) => `DELETE FROM "${summary.table}" WHERE "shopDomain" = ${shop}`),
    rebuildSummary(provider, shipmentDayStat, "Shipment", shop),
    rebuildSummary(provider, deliveryDayStat, "Shipment", shop),
    rebuildSummary(provider, lookupDayStat, "LookupEvent", shop),
  ];
}

/** Every shop's order summaries from the rows already stored (the migration's back-fill). */
export function orderSummaryBackfillSql(): string {
  return `INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
  SELECT s."shopDomain", s."orderId", MIN(s."createdAt"),
    (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = s."shopDomain" AND l."orderId" = s."orderId" AND l."surface" <> 'admin')
  FROM "Shipment" s
  GROUP BY s."shopDomain", s."orderId";`;
}

-- CreateTable
CREATE TABLE "ShopUtcOffset" (
    "shopDomain" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL,

    CONSTRAINT "ShopUtcOffset_pkey" PRIMARY KEY ("shopDomain","startsAt")
);

-- CreateTable
CREATE TABLE "ShipmentDayStat" (
    "shopDomain" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "carrier" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "subStatus" TEXT NOT NULL,
    "shipments" INTEGER NOT NULL,
    "stalled" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,
    "notPickedUp" INTEGER NOT NULL,
    "withTrackingIssue" INTEGER NOT NULL,

    CONSTRAINT "ShipmentDayStat_pkey" PRIMARY KEY ("shopDomain","day","carrier","status","subStatus")
);

-- CreateTable
CREATE TABLE "DeliveryDayStat" (
    "shopDomain" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "businessDays" INTEGER NOT NULL,
    "deliveries" INTEGER NOT NULL,
    "withEstimate" INTEGER NOT NULL,
    "onTimeEstimate" INTEGER NOT NULL,
    "withPrediction" INTEGER NOT NULL,
    "onTimePrediction" INTEGER NOT NULL,

    CONSTRAINT "DeliveryDayStat_pkey" PRIMARY KEY ("shopDomain","day","dimension","value","measure","businessDays")
);

-- CreateTable
CREATE TABLE "LookupDayStat" (
    "shopDomain" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "surface" TEXT NOT NULL,
    "lookups" INTEGER NOT NULL,

    CONSTRAINT "LookupDayStat_pkey" PRIMARY KEY ("shopDomain","day","surface")
);

-- CreateTable
CREATE TABLE "OrderSummary" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "firstShipmentAt" TIMESTAMP(3) NOT NULL,
    "shopperLookups" INTEGER NOT NULL,

    CONSTRAINT "OrderSummary_pkey" PRIMARY KEY ("shopDomain","orderId")
);

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_firstShipmentAt_shopperLookups_idx" ON "OrderSummary"("shopDomain", "firstShipmentAt", "shopperLookups");

-- Summaries kept by triggers (generated from app/data/day-summaries.sql.ts; a test checks they match)
CREATE FUNCTION "shipment_summaries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
        SELECT "shopDomain", "day", "carrier", "status", "subStatus", SUM("shipments"), SUM("stalled"), SUM("late"), SUM("notPickedUp"), SUM("withTrackingIssue")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."createdAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          COALESCE(r."carrier", '') AS "carrier",
          r."status" AS "status",
          CASE WHEN r."status" IN ('exception', 'attempt_failed') THEN COALESCE(r."subStatus", '') ELSE '' END AS "subStatus",
          1 AS "shipments",
          CASE WHEN r."stalled" THEN 1 ELSE 0 END AS "stalled",
          CASE WHEN r."late" THEN 1 ELSE 0 END AS "late",
          CASE WHEN r."notPickedUp" THEN 1 ELSE 0 END AS "notPickedUp",
          CASE WHEN r."trackingIssue" IS NOT NULL THEN 1 ELSE 0 END AS "withTrackingIssue"
        FROM new_rows r WHERE true) c
        GROUP BY "shopDomain", "day", "carrier", "status", "subStatus"
        HAVING SUM("shipments") <> 0 OR SUM("stalled") <> 0 OR SUM("late") <> 0 OR SUM("notPickedUp") <> 0 OR SUM("withTrackingIssue") <> 0
        ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
    INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
        SELECT "shopDomain", "day", "dimension", "value", "measure", "businessDays", SUM("deliveries"), SUM("withEstimate"), SUM("onTimeEstimate"), SUM("withPrediction"), SUM("onTimePrediction")
        FROM (SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
          CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
          m."measure" AS "measure",
          CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
          1 AS "deliveries",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN 1 ELSE 0 END AS "withEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN 1 ELSE 0 END AS "onTimeEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN 1 ELSE 0 END AS "withPrediction",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN 1 ELSE 0 END AS "onTimePrediction"
        FROM (SELECT r."shopDomain" AS "shopDomain",
            COALESCE(r."carrier", '') AS "carrier",
            CASE WHEN r."originCountry" IS NOT NULL AND r."destinationCountry" IS NOT NULL
              THEN r."originCountry" || '>' || r."destinationCountry" END AS "lane",
            CAST(FLOOR((date_part('epoch', r."deliveredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "deliveredDay",
            CAST(FLOOR((date_part('epoch', COALESCE(r."fulfillmentCreatedAt", r."createdAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."fulfillmentCreatedAt", r."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "shipDay",
            CASE WHEN r."orderCreatedAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."orderCreatedAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "orderDay",
            CASE WHEN r."estimatedDeliveryAt" IS NULL THEN NULL
              ELSE CAST(FLOOR((date_part('epoch', COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "estimateDay",
            CASE WHEN r."predictedDeliveryAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."predictedDeliveryAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "predictionDay"
          FROM new_rows r WHERE true AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
        CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
        WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)) c
        GROUP BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
        HAVING SUM("deliveries") <> 0 OR SUM("withEstimate") <> 0 OR SUM("onTimeEstimate") <> 0 OR SUM("withPrediction") <> 0 OR SUM("onTimePrediction") <> 0
        ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
    INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
        SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
          (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
        FROM new_rows r WHERE true
        GROUP BY r."shopDomain", r."orderId"
        ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt");
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
        SELECT "shopDomain", "day", "carrier", "status", "subStatus", SUM("shipments"), SUM("stalled"), SUM("late"), SUM("notPickedUp"), SUM("withTrackingIssue")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."createdAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          COALESCE(r."carrier", '') AS "carrier",
          r."status" AS "status",
          CASE WHEN r."status" IN ('exception', 'attempt_failed') THEN COALESCE(r."subStatus", '') ELSE '' END AS "subStatus",
          -1 AS "shipments",
          CASE WHEN r."stalled" THEN -1 ELSE 0 END AS "stalled",
          CASE WHEN r."late" THEN -1 ELSE 0 END AS "late",
          CASE WHEN r."notPickedUp" THEN -1 ELSE 0 END AS "notPickedUp",
          CASE WHEN r."trackingIssue" IS NOT NULL THEN -1 ELSE 0 END AS "withTrackingIssue"
        FROM old_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."createdAt" IS DISTINCT FROM n."createdAt" OR o."carrier" IS DISTINCT FROM n."carrier" OR o."status" IS DISTINCT FROM n."status" OR o."subStatus" IS DISTINCT FROM n."subStatus" OR o."stalled" IS DISTINCT FROM n."stalled" OR o."late" IS DISTINCT FROM n."late" OR o."notPickedUp" IS DISTINCT FROM n."notPickedUp" OR o."trackingIssue" IS DISTINCT FROM n."trackingIssue")
        UNION ALL
        SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."createdAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          COALESCE(r."carrier", '') AS "carrier",
          r."status" AS "status",
          CASE WHEN r."status" IN ('exception', 'attempt_failed') THEN COALESCE(r."subStatus", '') ELSE '' END AS "subStatus",
          1 AS "shipments",
          CASE WHEN r."stalled" THEN 1 ELSE 0 END AS "stalled",
          CASE WHEN r."late" THEN 1 ELSE 0 END AS "late",
          CASE WHEN r."notPickedUp" THEN 1 ELSE 0 END AS "notPickedUp",
          CASE WHEN r."trackingIssue" IS NOT NULL THEN 1 ELSE 0 END AS "withTrackingIssue"
        FROM new_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."createdAt" IS DISTINCT FROM n."createdAt" OR o."carrier" IS DISTINCT FROM n."carrier" OR o."status" IS DISTINCT FROM n."status" OR o."subStatus" IS DISTINCT FROM n."subStatus" OR o."stalled" IS DISTINCT FROM n."stalled" OR o."late" IS DISTINCT FROM n."late" OR o."notPickedUp" IS DISTINCT FROM n."notPickedUp" OR o."trackingIssue" IS DISTINCT FROM n."trackingIssue")) c
        GROUP BY "shopDomain", "day", "carrier", "status", "subStatus"
        HAVING SUM("shipments") <> 0 OR SUM("stalled") <> 0 OR SUM("late") <> 0 OR SUM("notPickedUp") <> 0 OR SUM("withTrackingIssue") <> 0
        ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
    INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
        SELECT "shopDomain", "day", "dimension", "value", "measure", "businessDays", SUM("deliveries"), SUM("withEstimate"), SUM("onTimeEstimate"), SUM("withPrediction"), SUM("onTimePrediction")
        FROM (SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
          CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
          m."measure" AS "measure",
          CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
          -1 AS "deliveries",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN -1 ELSE 0 END AS "withEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN -1 ELSE 0 END AS "onTimeEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN -1 ELSE 0 END AS "withPrediction",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN -1 ELSE 0 END AS "onTimePrediction"
        FROM (SELECT r."shopDomain" AS "shopDomain",
            COALESCE(r."carrier", '') AS "carrier",
            CASE WHEN r."originCountry" IS NOT NULL AND r."destinationCountry" IS NOT NULL
              THEN r."originCountry" || '>' || r."destinationCountry" END AS "lane",
            CAST(FLOOR((date_part('epoch', r."deliveredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "deliveredDay",
            CAST(FLOOR((date_part('epoch', COALESCE(r."fulfillmentCreatedAt", r."createdAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."fulfillmentCreatedAt", r."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "shipDay",
            CASE WHEN r."orderCreatedAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."orderCreatedAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "orderDay",
            CASE WHEN r."estimatedDeliveryAt" IS NULL THEN NULL
              ELSE CAST(FLOOR((date_part('epoch', COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "estimateDay",
            CASE WHEN r."predictedDeliveryAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."predictedDeliveryAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "predictionDay"
          FROM old_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."status" IS DISTINCT FROM n."status" OR o."deliveredAt" IS DISTINCT FROM n."deliveredAt" OR o."carrier" IS DISTINCT FROM n."carrier" OR o."originCountry" IS DISTINCT FROM n."originCountry" OR o."destinationCountry" IS DISTINCT FROM n."destinationCountry" OR o."fulfillmentCreatedAt" IS DISTINCT FROM n."fulfillmentCreatedAt" OR o."createdAt" IS DISTINCT FROM n."createdAt" OR o."orderCreatedAt" IS DISTINCT FROM n."orderCreatedAt" OR o."estimatedDeliveryAt" IS DISTINCT FROM n."estimatedDeliveryAt" OR o."estimatedDeliveryEnd" IS DISTINCT FROM n."estimatedDeliveryEnd" OR o."predictedDeliveryAt" IS DISTINCT FROM n."predictedDeliveryAt") AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
        CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
        WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)
        UNION ALL
        SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
          CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
          m."measure" AS "measure",
          CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
          1 AS "deliveries",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN 1 ELSE 0 END AS "withEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN 1 ELSE 0 END AS "onTimeEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN 1 ELSE 0 END AS "withPrediction",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN 1 ELSE 0 END AS "onTimePrediction"
        FROM (SELECT r."shopDomain" AS "shopDomain",
            COALESCE(r."carrier", '') AS "carrier",
            CASE WHEN r."originCountry" IS NOT NULL AND r."destinationCountry" IS NOT NULL
              THEN r."originCountry" || '>' || r."destinationCountry" END AS "lane",
            CAST(FLOOR((date_part('epoch', r."deliveredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "deliveredDay",
            CAST(FLOOR((date_part('epoch', COALESCE(r."fulfillmentCreatedAt", r."createdAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."fulfillmentCreatedAt", r."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "shipDay",
            CASE WHEN r."orderCreatedAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."orderCreatedAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "orderDay",
            CASE WHEN r."estimatedDeliveryAt" IS NULL THEN NULL
              ELSE CAST(FLOOR((date_part('epoch', COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "estimateDay",
            CASE WHEN r."predictedDeliveryAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."predictedDeliveryAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "predictionDay"
          FROM new_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."status" IS DISTINCT FROM n."status" OR o."deliveredAt" IS DISTINCT FROM n."deliveredAt" OR o."carrier" IS DISTINCT FROM n."carrier" OR o."originCountry" IS DISTINCT FROM n."originCountry" OR o."destinationCountry" IS DISTINCT FROM n."destinationCountry" OR o."fulfillmentCreatedAt" IS DISTINCT FROM n."fulfillmentCreatedAt" OR o."createdAt" IS DISTINCT FROM n."createdAt" OR o."orderCreatedAt" IS DISTINCT FROM n."orderCreatedAt" OR o."estimatedDeliveryAt" IS DISTINCT FROM n."estimatedDeliveryAt" OR o."estimatedDeliveryEnd" IS DISTINCT FROM n."estimatedDeliveryEnd" OR o."predictedDeliveryAt" IS DISTINCT FROM n."predictedDeliveryAt") AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
        CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
        WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)) c
        GROUP BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
        HAVING SUM("deliveries") <> 0 OR SUM("withEstimate") <> 0 OR SUM("onTimeEstimate") <> 0 OR SUM("withPrediction") <> 0 OR SUM("onTimePrediction") <> 0
        ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
    DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."orderId" IS DISTINCT FROM n."orderId" OR o."createdAt" IS DISTINCT FROM n."createdAt")) AS left_order
        WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId");
        UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
        FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."orderId" IS DISTINCT FROM n."orderId" OR o."createdAt" IS DISTINCT FROM n."createdAt")) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId";
    INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
        SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
          (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
        FROM new_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."orderId" IS DISTINCT FROM n."orderId" OR o."createdAt" IS DISTINCT FROM n."createdAt")
        GROUP BY r."shopDomain", r."orderId"
        ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt");
  ELSE
    INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
        SELECT "shopDomain", "day", "carrier", "status", "subStatus", SUM("shipments"), SUM("stalled"), SUM("late"), SUM("notPickedUp"), SUM("withTrackingIssue")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."createdAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          COALESCE(r."carrier", '') AS "carrier",
          r."status" AS "status",
          CASE WHEN r."status" IN ('exception', 'attempt_failed') THEN COALESCE(r."subStatus", '') ELSE '' END AS "subStatus",
          -1 AS "shipments",
          CASE WHEN r."stalled" THEN -1 ELSE 0 END AS "stalled",
          CASE WHEN r."late" THEN -1 ELSE 0 END AS "late",
          CASE WHEN r."notPickedUp" THEN -1 ELSE 0 END AS "notPickedUp",
          CASE WHEN r."trackingIssue" IS NOT NULL THEN -1 ELSE 0 END AS "withTrackingIssue"
        FROM old_rows r WHERE true) c
        GROUP BY "shopDomain", "day", "carrier", "status", "subStatus"
        HAVING SUM("shipments") <> 0 OR SUM("stalled") <> 0 OR SUM("late") <> 0 OR SUM("notPickedUp") <> 0 OR SUM("withTrackingIssue") <> 0
        ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
    INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
        SELECT "shopDomain", "day", "dimension", "value", "measure", "businessDays", SUM("deliveries"), SUM("withEstimate"), SUM("onTimeEstimate"), SUM("withPrediction"), SUM("onTimePrediction")
        FROM (SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
          CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
          m."measure" AS "measure",
          CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
          -1 AS "deliveries",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN -1 ELSE 0 END AS "withEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN -1 ELSE 0 END AS "onTimeEstimate",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN -1 ELSE 0 END AS "withPrediction",
          CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN -1 ELSE 0 END AS "onTimePrediction"
        FROM (SELECT r."shopDomain" AS "shopDomain",
            COALESCE(r."carrier", '') AS "carrier",
            CASE WHEN r."originCountry" IS NOT NULL AND r."destinationCountry" IS NOT NULL
              THEN r."originCountry" || '>' || r."destinationCountry" END AS "lane",
            CAST(FLOOR((date_part('epoch', r."deliveredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "deliveredDay",
            CAST(FLOOR((date_part('epoch', COALESCE(r."fulfillmentCreatedAt", r."createdAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."fulfillmentCreatedAt", r."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "shipDay",
            CASE WHEN r."orderCreatedAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."orderCreatedAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "orderDay",
            CASE WHEN r."estimatedDeliveryAt" IS NULL THEN NULL
              ELSE CAST(FLOOR((date_part('epoch', COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt")) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= COALESCE(r."estimatedDeliveryEnd", r."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "estimateDay",
            CASE WHEN r."predictedDeliveryAt" IS NULL THEN NULL ELSE CAST(FLOOR((date_part('epoch', r."predictedDeliveryAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) END AS "predictionDay"
          FROM old_rows r WHERE true AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
        CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
        WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)) c
        GROUP BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
        HAVING SUM("deliveries") <> 0 OR SUM("withEstimate") <> 0 OR SUM("onTimeEstimate") <> 0 OR SUM("withPrediction") <> 0 OR SUM("onTimePrediction") <> 0
        ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
    DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order
        WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId");
        UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
        FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Shipment_summaries_on_insert" AFTER INSERT ON "Shipment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "shipment_summaries"();
CREATE TRIGGER "Shipment_summaries_on_update" AFTER UPDATE ON "Shipment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "shipment_summaries"();
CREATE TRIGGER "Shipment_summaries_on_delete" AFTER DELETE ON "Shipment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "shipment_summaries"();

CREATE FUNCTION "lookup_event_summaries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
        SELECT "shopDomain", "day", "surface", SUM("lookups")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          r."surface" AS "surface",
          1 AS "lookups"
        FROM new_rows r WHERE true) c
        GROUP BY "shopDomain", "day", "surface"
        HAVING SUM("lookups") <> 0
        ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
    UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
        FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
        WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
        SELECT "shopDomain", "day", "surface", SUM("lookups")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          r."surface" AS "surface",
          -1 AS "lookups"
        FROM old_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."occurredAt" IS DISTINCT FROM n."occurredAt" OR o."surface" IS DISTINCT FROM n."surface")
        UNION ALL
        SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          r."surface" AS "surface",
          1 AS "lookups"
        FROM new_rows r WHERE r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."occurredAt" IS DISTINCT FROM n."occurredAt" OR o."surface" IS DISTINCT FROM n."surface")) c
        GROUP BY "shopDomain", "day", "surface"
        HAVING SUM("lookups") <> 0
        ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
    UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
        FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."orderId" IS DISTINCT FROM n."orderId" OR o."surface" IS DISTINCT FROM n."surface") UNION ALL SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND r."id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id" WHERE o."shopDomain" IS DISTINCT FROM n."shopDomain" OR o."orderId" IS DISTINCT FROM n."orderId" OR o."surface" IS DISTINCT FROM n."surface")) d GROUP BY "shopDomain", "orderId") AS lookup_change
        WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
  ELSE
    INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
        SELECT "shopDomain", "day", "surface", SUM("lookups")
        FROM (SELECT r."shopDomain" AS "shopDomain",
          CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
          r."surface" AS "surface",
          -1 AS "lookups"
        FROM old_rows r WHERE true) c
        GROUP BY "shopDomain", "day", "surface"
        HAVING SUM("lookups") <> 0
        ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
    UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
        FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
        WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "LookupEvent_summaries_on_insert" AFTER INSERT ON "LookupEvent" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lookup_event_summaries"();
CREATE TRIGGER "LookupEvent_summaries_on_update" AFTER UPDATE ON "LookupEvent" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "lookup_event_summaries"();
CREATE TRIGGER "LookupEvent_summaries_on_delete" AFTER DELETE ON "LookupEvent" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "lookup_event_summaries"();

-- Order summaries of what is already stored. Per-day summaries are built per shop, with its time
-- zone, the first time its dashboard is read (app/data/day-summaries.server.ts).
INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
  SELECT s."shopDomain", s."orderId", MIN(s."createdAt"),
    (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = s."shopDomain" AND l."orderId" = s."orderId" AND l."surface" <> 'admin')
  FROM "Shipment" s
  GROUP BY s."shopDomain", s."orderId";

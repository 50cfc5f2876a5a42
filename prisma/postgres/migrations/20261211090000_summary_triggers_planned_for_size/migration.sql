-- The dashboard summaries' trigger functions, planned for the size of each statement
-- (generated from app/data/day-summaries.sql.ts; a test checks they match)
CREATE OR REPLACE FUNCTION "shipment_summaries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT COUNT(*) FROM new_rows) <= 64 THEN
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
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
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
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
      INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
          SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
            (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
          FROM new_rows r WHERE true
          GROUP BY r."shopDomain", r."orderId"
          ORDER BY r."shopDomain", r."orderId"
          ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt");
    ELSE
      EXECUTE $sql$INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
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
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
          ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue"$sql$;
      EXECUTE $sql$INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
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
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction"$sql$;
      EXECUTE $sql$INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
          SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
            (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
          FROM new_rows r WHERE true
          GROUP BY r."shopDomain", r."orderId"
          ORDER BY r."shopDomain", r."orderId"
          ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt")$sql$;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF (SELECT COUNT(*) FROM new_rows) <= 64 THEN
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
          FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."createdAt" IS DISTINCT FROM pair."createdAt" OR r."carrier" IS DISTINCT FROM pair."carrier" OR r."status" IS DISTINCT FROM pair."status" OR r."subStatus" IS DISTINCT FROM pair."subStatus" OR r."stalled" IS DISTINCT FROM pair."stalled" OR r."late" IS DISTINCT FROM pair."late" OR r."notPickedUp" IS DISTINCT FROM pair."notPickedUp" OR r."trackingIssue" IS DISTINCT FROM pair."trackingIssue"))
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
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."createdAt" IS DISTINCT FROM r."createdAt" OR pair."carrier" IS DISTINCT FROM r."carrier" OR pair."status" IS DISTINCT FROM r."status" OR pair."subStatus" IS DISTINCT FROM r."subStatus" OR pair."stalled" IS DISTINCT FROM r."stalled" OR pair."late" IS DISTINCT FROM r."late" OR pair."notPickedUp" IS DISTINCT FROM r."notPickedUp" OR pair."trackingIssue" IS DISTINCT FROM r."trackingIssue"))) c
          GROUP BY "shopDomain", "day", "carrier", "status", "subStatus"
          HAVING SUM("shipments") <> 0 OR SUM("stalled") <> 0 OR SUM("late") <> 0 OR SUM("notPickedUp") <> 0 OR SUM("withTrackingIssue") <> 0
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
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
            FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."status" IS DISTINCT FROM pair."status" OR r."deliveredAt" IS DISTINCT FROM pair."deliveredAt" OR r."carrier" IS DISTINCT FROM pair."carrier" OR r."originCountry" IS DISTINCT FROM pair."originCountry" OR r."destinationCountry" IS DISTINCT FROM pair."destinationCountry" OR r."fulfillmentCreatedAt" IS DISTINCT FROM pair."fulfillmentCreatedAt" OR r."createdAt" IS DISTINCT FROM pair."createdAt" OR r."orderCreatedAt" IS DISTINCT FROM pair."orderCreatedAt" OR r."estimatedDeliveryAt" IS DISTINCT FROM pair."estimatedDeliveryAt" OR r."estimatedDeliveryEnd" IS DISTINCT FROM pair."estimatedDeliveryEnd" OR r."predictedDeliveryAt" IS DISTINCT FROM pair."predictedDeliveryAt")) AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
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
            FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."status" IS DISTINCT FROM r."status" OR pair."deliveredAt" IS DISTINCT FROM r."deliveredAt" OR pair."carrier" IS DISTINCT FROM r."carrier" OR pair."originCountry" IS DISTINCT FROM r."originCountry" OR pair."destinationCountry" IS DISTINCT FROM r."destinationCountry" OR pair."fulfillmentCreatedAt" IS DISTINCT FROM r."fulfillmentCreatedAt" OR pair."createdAt" IS DISTINCT FROM r."createdAt" OR pair."orderCreatedAt" IS DISTINCT FROM r."orderCreatedAt" OR pair."estimatedDeliveryAt" IS DISTINCT FROM r."estimatedDeliveryAt" OR pair."estimatedDeliveryEnd" IS DISTINCT FROM r."estimatedDeliveryEnd" OR pair."predictedDeliveryAt" IS DISTINCT FROM r."predictedDeliveryAt")) AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
          CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
          WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)) c
          GROUP BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          HAVING SUM("deliveries") <> 0 OR SUM("withEstimate") <> 0 OR SUM("onTimeEstimate") <> 0 OR SUM("withPrediction") <> 0 OR SUM("onTimePrediction") <> 0
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
      DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."createdAt" IS DISTINCT FROM pair."createdAt"))) AS left_order
          WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId");
      UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
          FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."createdAt" IS DISTINCT FROM pair."createdAt"))) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId";
      INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
          SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
            (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."orderId" IS DISTINCT FROM r."orderId" OR pair."createdAt" IS DISTINCT FROM r."createdAt"))
          GROUP BY r."shopDomain", r."orderId"
          ORDER BY r."shopDomain", r."orderId"
          ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt");
    ELSE
      EXECUTE $sql$INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
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
          FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."createdAt" IS DISTINCT FROM pair."createdAt" OR r."carrier" IS DISTINCT FROM pair."carrier" OR r."status" IS DISTINCT FROM pair."status" OR r."subStatus" IS DISTINCT FROM pair."subStatus" OR r."stalled" IS DISTINCT FROM pair."stalled" OR r."late" IS DISTINCT FROM pair."late" OR r."notPickedUp" IS DISTINCT FROM pair."notPickedUp" OR r."trackingIssue" IS DISTINCT FROM pair."trackingIssue"))
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
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."createdAt" IS DISTINCT FROM r."createdAt" OR pair."carrier" IS DISTINCT FROM r."carrier" OR pair."status" IS DISTINCT FROM r."status" OR pair."subStatus" IS DISTINCT FROM r."subStatus" OR pair."stalled" IS DISTINCT FROM r."stalled" OR pair."late" IS DISTINCT FROM r."late" OR pair."notPickedUp" IS DISTINCT FROM r."notPickedUp" OR pair."trackingIssue" IS DISTINCT FROM r."trackingIssue"))) c
          GROUP BY "shopDomain", "day", "carrier", "status", "subStatus"
          HAVING SUM("shipments") <> 0 OR SUM("stalled") <> 0 OR SUM("late") <> 0 OR SUM("notPickedUp") <> 0 OR SUM("withTrackingIssue") <> 0
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
          ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue"$sql$;
      EXECUTE $sql$INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
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
            FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."status" IS DISTINCT FROM pair."status" OR r."deliveredAt" IS DISTINCT FROM pair."deliveredAt" OR r."carrier" IS DISTINCT FROM pair."carrier" OR r."originCountry" IS DISTINCT FROM pair."originCountry" OR r."destinationCountry" IS DISTINCT FROM pair."destinationCountry" OR r."fulfillmentCreatedAt" IS DISTINCT FROM pair."fulfillmentCreatedAt" OR r."createdAt" IS DISTINCT FROM pair."createdAt" OR r."orderCreatedAt" IS DISTINCT FROM pair."orderCreatedAt" OR r."estimatedDeliveryAt" IS DISTINCT FROM pair."estimatedDeliveryAt" OR r."estimatedDeliveryEnd" IS DISTINCT FROM pair."estimatedDeliveryEnd" OR r."predictedDeliveryAt" IS DISTINCT FROM pair."predictedDeliveryAt")) AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
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
            FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."status" IS DISTINCT FROM r."status" OR pair."deliveredAt" IS DISTINCT FROM r."deliveredAt" OR pair."carrier" IS DISTINCT FROM r."carrier" OR pair."originCountry" IS DISTINCT FROM r."originCountry" OR pair."destinationCountry" IS DISTINCT FROM r."destinationCountry" OR pair."fulfillmentCreatedAt" IS DISTINCT FROM r."fulfillmentCreatedAt" OR pair."createdAt" IS DISTINCT FROM r."createdAt" OR pair."orderCreatedAt" IS DISTINCT FROM r."orderCreatedAt" OR pair."estimatedDeliveryAt" IS DISTINCT FROM r."estimatedDeliveryAt" OR pair."estimatedDeliveryEnd" IS DISTINCT FROM r."estimatedDeliveryEnd" OR pair."predictedDeliveryAt" IS DISTINCT FROM r."predictedDeliveryAt")) AND r."status" = 'delivered' AND r."deliveredAt" IS NOT NULL) d
          CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
          WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)) c
          GROUP BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          HAVING SUM("deliveries") <> 0 OR SUM("withEstimate") <> 0 OR SUM("onTimeEstimate") <> 0 OR SUM("withPrediction") <> 0 OR SUM("onTimePrediction") <> 0
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction"$sql$;
      EXECUTE $sql$DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."createdAt" IS DISTINCT FROM pair."createdAt"))) AS left_order
          WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId")$sql$;
      EXECUTE $sql$UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
          FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."createdAt" IS DISTINCT FROM pair."createdAt"))) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId"$sql$;
      EXECUTE $sql$INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
          SELECT r."shopDomain", r."orderId", MIN(r."createdAt"),
            (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = r."shopDomain" AND l."orderId" = r."orderId" AND l."surface" <> 'admin')
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."orderId" IS DISTINCT FROM r."orderId" OR pair."createdAt" IS DISTINCT FROM r."createdAt"))
          GROUP BY r."shopDomain", r."orderId"
          ORDER BY r."shopDomain", r."orderId"
          ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = LEAST("OrderSummary"."firstShipmentAt", excluded."firstShipmentAt")$sql$;
    END IF;
  ELSE
    IF (SELECT COUNT(*) FROM old_rows) <= 64 THEN
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
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
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
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
      DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order
          WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId");
      UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
          FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId";
    ELSE
      EXECUTE $sql$INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
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
          ORDER BY "shopDomain", "day", "carrier", "status", "subStatus"
          ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue"$sql$;
      EXECUTE $sql$INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
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
          ORDER BY "shopDomain", "day", "dimension", "value", "measure", "businessDays"
          ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction"$sql$;
      EXECUTE $sql$DELETE FROM "OrderSummary" USING (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order
          WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId" AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = left_order."shopDomain" AND s."orderId" = left_order."orderId")$sql$;
      EXECUTE $sql$UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = "OrderSummary"."shopDomain" AND s."orderId" = "OrderSummary"."orderId")
          FROM (SELECT DISTINCT r."shopDomain", r."orderId" FROM old_rows r WHERE true) AS left_order WHERE "OrderSummary"."shopDomain" = left_order."shopDomain" AND "OrderSummary"."orderId" = left_order."orderId"$sql$;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "lookup_event_summaries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT COUNT(*) FROM new_rows) <= 64 THEN
      INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            1 AS "lookups"
          FROM new_rows r WHERE true) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
      UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
    ELSE
      EXECUTE $sql$INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            1 AS "lookups"
          FROM new_rows r WHERE true) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups"$sql$;
      EXECUTE $sql$UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0$sql$;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF (SELECT COUNT(*) FROM new_rows) <= 64 THEN
      INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            -1 AS "lookups"
          FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."occurredAt" IS DISTINCT FROM pair."occurredAt" OR r."surface" IS DISTINCT FROM pair."surface"))
          UNION ALL
          SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            1 AS "lookups"
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."occurredAt" IS DISTINCT FROM r."occurredAt" OR pair."surface" IS DISTINCT FROM r."surface"))) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
      UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."surface" IS DISTINCT FROM pair."surface")) UNION ALL SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."orderId" IS DISTINCT FROM r."orderId" OR pair."surface" IS DISTINCT FROM r."surface"))) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
    ELSE
      EXECUTE $sql$INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            -1 AS "lookups"
          FROM old_rows r WHERE EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."occurredAt" IS DISTINCT FROM pair."occurredAt" OR r."surface" IS DISTINCT FROM pair."surface"))
          UNION ALL
          SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            1 AS "lookups"
          FROM new_rows r WHERE EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."occurredAt" IS DISTINCT FROM r."occurredAt" OR pair."surface" IS DISTINCT FROM r."surface"))) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups"$sql$;
      EXECUTE $sql$UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND EXISTS (SELECT 1 FROM new_rows pair WHERE pair."id" = r."id" AND (r."shopDomain" IS DISTINCT FROM pair."shopDomain" OR r."orderId" IS DISTINCT FROM pair."orderId" OR r."surface" IS DISTINCT FROM pair."surface")) UNION ALL SELECT r."shopDomain", r."orderId", 1 AS "delta" FROM new_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND EXISTS (SELECT 1 FROM old_rows pair WHERE pair."id" = r."id" AND (pair."shopDomain" IS DISTINCT FROM r."shopDomain" OR pair."orderId" IS DISTINCT FROM r."orderId" OR pair."surface" IS DISTINCT FROM r."surface"))) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0$sql$;
    END IF;
  ELSE
    IF (SELECT COUNT(*) FROM old_rows) <= 64 THEN
      INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            -1 AS "lookups"
          FROM old_rows r WHERE true) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
      UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0;
    ELSE
      EXECUTE $sql$INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
          SELECT "shopDomain", "day", "surface", SUM("lookups")
          FROM (SELECT r."shopDomain" AS "shopDomain",
            CAST(FLOOR((date_part('epoch', r."occurredAt") / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = r."shopDomain" AND o."startsAt" <= r."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS INTEGER) AS "day",
            r."surface" AS "surface",
            -1 AS "lookups"
          FROM old_rows r WHERE true) c
          GROUP BY "shopDomain", "day", "surface"
          HAVING SUM("lookups") <> 0
          ORDER BY "shopDomain", "day", "surface"
          ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups"$sql$;
      EXECUTE $sql$UPDATE "OrderSummary" SET "shopperLookups" = "OrderSummary"."shopperLookups" + lookup_change."delta"
          FROM (SELECT "shopDomain", "orderId", SUM("delta") AS "delta" FROM (SELECT r."shopDomain", r."orderId", -1 AS "delta" FROM old_rows r WHERE r."surface" <> 'admin' AND r."orderId" IS NOT NULL AND true) d GROUP BY "shopDomain", "orderId") AS lookup_change
          WHERE "OrderSummary"."shopDomain" = lookup_change."shopDomain" AND "OrderSummary"."orderId" = lookup_change."orderId" AND lookup_change."delta" <> 0$sql$;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

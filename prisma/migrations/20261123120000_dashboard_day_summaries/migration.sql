-- CreateTable
CREATE TABLE "ShopUtcOffset" (
    "shopDomain" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL,

    PRIMARY KEY ("shopDomain", "startsAt")
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

    PRIMARY KEY ("shopDomain", "day", "carrier", "status", "subStatus")
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

    PRIMARY KEY ("shopDomain", "day", "dimension", "value", "measure", "businessDays")
);

-- CreateTable
CREATE TABLE "LookupDayStat" (
    "shopDomain" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "surface" TEXT NOT NULL,
    "lookups" INTEGER NOT NULL,

    PRIMARY KEY ("shopDomain", "day", "surface")
);

-- CreateTable
CREATE TABLE "OrderSummary" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "firstShipmentAt" DATETIME NOT NULL,
    "shopperLookups" INTEGER NOT NULL,

    PRIMARY KEY ("shopDomain", "orderId")
);

-- CreateIndex
CREATE INDEX "OrderSummary_shopDomain_firstShipmentAt_shopperLookups_idx" ON "OrderSummary"("shopDomain", "firstShipmentAt", "shopperLookups");

-- Summaries kept by triggers (generated from app/data/day-summaries.sql.ts; a test checks they match)
CREATE TRIGGER "Shipment_summaries_on_insert" AFTER INSERT ON "Shipment"
BEGIN
  INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
      SELECT NEW."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', NEW."createdAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        COALESCE(NEW."carrier", '') AS "carrier",
        NEW."status" AS "status",
        CASE WHEN NEW."status" IN ('exception', 'attempt_failed') THEN COALESCE(NEW."subStatus", '') ELSE '' END AS "subStatus",
        1 AS "shipments",
        CASE WHEN NEW."stalled" THEN 1 ELSE 0 END AS "stalled",
        CASE WHEN NEW."late" THEN 1 ELSE 0 END AS "late",
        CASE WHEN NEW."notPickedUp" THEN 1 ELSE 0 END AS "notPickedUp",
        CASE WHEN NEW."trackingIssue" IS NOT NULL THEN 1 ELSE 0 END AS "withTrackingIssue"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
  INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
      SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
        CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
        m."measure" AS "measure",
        CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
        1 AS "deliveries",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN 1 ELSE 0 END AS "withEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN 1 ELSE 0 END AS "onTimeEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN 1 ELSE 0 END AS "withPrediction",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN 1 ELSE 0 END AS "onTimePrediction"
      FROM (SELECT NEW."shopDomain" AS "shopDomain",
          COALESCE(NEW."carrier", '') AS "carrier",
          CASE WHEN NEW."originCountry" IS NOT NULL AND NEW."destinationCountry" IS NOT NULL
            THEN NEW."originCountry" || '>' || NEW."destinationCountry" END AS "lane",
          ((CAST(strftime('%s', NEW."deliveredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "deliveredDay",
          ((CAST(strftime('%s', COALESCE(NEW."fulfillmentCreatedAt", NEW."createdAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= COALESCE(NEW."fulfillmentCreatedAt", NEW."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "shipDay",
          CASE WHEN NEW."orderCreatedAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', NEW."orderCreatedAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "orderDay",
          CASE WHEN NEW."estimatedDeliveryAt" IS NULL THEN NULL
            ELSE ((CAST(strftime('%s', COALESCE(NEW."estimatedDeliveryEnd", NEW."estimatedDeliveryAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= COALESCE(NEW."estimatedDeliveryEnd", NEW."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "estimateDay",
          CASE WHEN NEW."predictedDeliveryAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', NEW."predictedDeliveryAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "predictionDay"
        WHERE NEW."status" = 'delivered' AND NEW."deliveredAt" IS NOT NULL) d
      CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
      WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)
      ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
  INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
      VALUES (NEW."shopDomain", NEW."orderId", NEW."createdAt",
        (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = NEW."shopDomain" AND l."orderId" = NEW."orderId" AND l."surface" <> 'admin'))
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = CASE WHEN excluded."firstShipmentAt" < "OrderSummary"."firstShipmentAt" THEN excluded."firstShipmentAt" ELSE "OrderSummary"."firstShipmentAt" END;
END;

CREATE TRIGGER "Shipment_summaries_on_delete" AFTER DELETE ON "Shipment"
BEGIN
  INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
      SELECT OLD."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', OLD."createdAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        COALESCE(OLD."carrier", '') AS "carrier",
        OLD."status" AS "status",
        CASE WHEN OLD."status" IN ('exception', 'attempt_failed') THEN COALESCE(OLD."subStatus", '') ELSE '' END AS "subStatus",
        -1 AS "shipments",
        CASE WHEN OLD."stalled" THEN -1 ELSE 0 END AS "stalled",
        CASE WHEN OLD."late" THEN -1 ELSE 0 END AS "late",
        CASE WHEN OLD."notPickedUp" THEN -1 ELSE 0 END AS "notPickedUp",
        CASE WHEN OLD."trackingIssue" IS NOT NULL THEN -1 ELSE 0 END AS "withTrackingIssue"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
  INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
      SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
        CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
        m."measure" AS "measure",
        CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
        -1 AS "deliveries",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN -1 ELSE 0 END AS "withEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN -1 ELSE 0 END AS "onTimeEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN -1 ELSE 0 END AS "withPrediction",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN -1 ELSE 0 END AS "onTimePrediction"
      FROM (SELECT OLD."shopDomain" AS "shopDomain",
          COALESCE(OLD."carrier", '') AS "carrier",
          CASE WHEN OLD."originCountry" IS NOT NULL AND OLD."destinationCountry" IS NOT NULL
            THEN OLD."originCountry" || '>' || OLD."destinationCountry" END AS "lane",
          ((CAST(strftime('%s', OLD."deliveredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "deliveredDay",
          ((CAST(strftime('%s', COALESCE(OLD."fulfillmentCreatedAt", OLD."createdAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= COALESCE(OLD."fulfillmentCreatedAt", OLD."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "shipDay",
          CASE WHEN OLD."orderCreatedAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', OLD."orderCreatedAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "orderDay",
          CASE WHEN OLD."estimatedDeliveryAt" IS NULL THEN NULL
            ELSE ((CAST(strftime('%s', COALESCE(OLD."estimatedDeliveryEnd", OLD."estimatedDeliveryAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= COALESCE(OLD."estimatedDeliveryEnd", OLD."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "estimateDay",
          CASE WHEN OLD."predictedDeliveryAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', OLD."predictedDeliveryAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "predictionDay"
        WHERE OLD."status" = 'delivered' AND OLD."deliveredAt" IS NOT NULL) d
      CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
      WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)
      ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
  DELETE FROM "OrderSummary" WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId"
        AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = OLD."shopDomain" AND s."orderId" = OLD."orderId");
      UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = OLD."shopDomain" AND s."orderId" = OLD."orderId")
        WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId";
END;

CREATE TRIGGER "ShipmentDayStat_on_update" AFTER UPDATE OF "shopDomain", "createdAt", "carrier", "status", "subStatus", "stalled", "late", "notPickedUp", "trackingIssue" ON "Shipment" WHEN OLD."shopDomain" IS NOT NEW."shopDomain" OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."carrier" IS NOT NEW."carrier" OR OLD."status" IS NOT NEW."status" OR OLD."subStatus" IS NOT NEW."subStatus" OR OLD."stalled" IS NOT NEW."stalled" OR OLD."late" IS NOT NEW."late" OR OLD."notPickedUp" IS NOT NEW."notPickedUp" OR OLD."trackingIssue" IS NOT NEW."trackingIssue"
BEGIN
  INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
      SELECT OLD."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', OLD."createdAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        COALESCE(OLD."carrier", '') AS "carrier",
        OLD."status" AS "status",
        CASE WHEN OLD."status" IN ('exception', 'attempt_failed') THEN COALESCE(OLD."subStatus", '') ELSE '' END AS "subStatus",
        -1 AS "shipments",
        CASE WHEN OLD."stalled" THEN -1 ELSE 0 END AS "stalled",
        CASE WHEN OLD."late" THEN -1 ELSE 0 END AS "late",
        CASE WHEN OLD."notPickedUp" THEN -1 ELSE 0 END AS "notPickedUp",
        CASE WHEN OLD."trackingIssue" IS NOT NULL THEN -1 ELSE 0 END AS "withTrackingIssue"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
  INSERT INTO "ShipmentDayStat" ("shopDomain", "day", "carrier", "status", "subStatus", "shipments", "stalled", "late", "notPickedUp", "withTrackingIssue")
      SELECT NEW."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', NEW."createdAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."createdAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        COALESCE(NEW."carrier", '') AS "carrier",
        NEW."status" AS "status",
        CASE WHEN NEW."status" IN ('exception', 'attempt_failed') THEN COALESCE(NEW."subStatus", '') ELSE '' END AS "subStatus",
        1 AS "shipments",
        CASE WHEN NEW."stalled" THEN 1 ELSE 0 END AS "stalled",
        CASE WHEN NEW."late" THEN 1 ELSE 0 END AS "late",
        CASE WHEN NEW."notPickedUp" THEN 1 ELSE 0 END AS "notPickedUp",
        CASE WHEN NEW."trackingIssue" IS NOT NULL THEN 1 ELSE 0 END AS "withTrackingIssue"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "carrier", "status", "subStatus") DO UPDATE SET "shipments" = "ShipmentDayStat"."shipments" + excluded."shipments", "stalled" = "ShipmentDayStat"."stalled" + excluded."stalled", "late" = "ShipmentDayStat"."late" + excluded."late", "notPickedUp" = "ShipmentDayStat"."notPickedUp" + excluded."notPickedUp", "withTrackingIssue" = "ShipmentDayStat"."withTrackingIssue" + excluded."withTrackingIssue";
END;

CREATE TRIGGER "DeliveryDayStat_on_update" AFTER UPDATE OF "shopDomain", "status", "deliveredAt", "carrier", "originCountry", "destinationCountry", "fulfillmentCreatedAt", "createdAt", "orderCreatedAt", "estimatedDeliveryAt", "estimatedDeliveryEnd", "predictedDeliveryAt" ON "Shipment" WHEN OLD."shopDomain" IS NOT NEW."shopDomain" OR OLD."status" IS NOT NEW."status" OR OLD."deliveredAt" IS NOT NEW."deliveredAt" OR OLD."carrier" IS NOT NEW."carrier" OR OLD."originCountry" IS NOT NEW."originCountry" OR OLD."destinationCountry" IS NOT NEW."destinationCountry" OR OLD."fulfillmentCreatedAt" IS NOT NEW."fulfillmentCreatedAt" OR OLD."createdAt" IS NOT NEW."createdAt" OR OLD."orderCreatedAt" IS NOT NEW."orderCreatedAt" OR OLD."estimatedDeliveryAt" IS NOT NEW."estimatedDeliveryAt" OR OLD."estimatedDeliveryEnd" IS NOT NEW."estimatedDeliveryEnd" OR OLD."predictedDeliveryAt" IS NOT NEW."predictedDeliveryAt"
BEGIN
  INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
      SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
        CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
        m."measure" AS "measure",
        CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
        -1 AS "deliveries",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN -1 ELSE 0 END AS "withEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN -1 ELSE 0 END AS "onTimeEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN -1 ELSE 0 END AS "withPrediction",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN -1 ELSE 0 END AS "onTimePrediction"
      FROM (SELECT OLD."shopDomain" AS "shopDomain",
          COALESCE(OLD."carrier", '') AS "carrier",
          CASE WHEN OLD."originCountry" IS NOT NULL AND OLD."destinationCountry" IS NOT NULL
            THEN OLD."originCountry" || '>' || OLD."destinationCountry" END AS "lane",
          ((CAST(strftime('%s', OLD."deliveredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "deliveredDay",
          ((CAST(strftime('%s', COALESCE(OLD."fulfillmentCreatedAt", OLD."createdAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= COALESCE(OLD."fulfillmentCreatedAt", OLD."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "shipDay",
          CASE WHEN OLD."orderCreatedAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', OLD."orderCreatedAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "orderDay",
          CASE WHEN OLD."estimatedDeliveryAt" IS NULL THEN NULL
            ELSE ((CAST(strftime('%s', COALESCE(OLD."estimatedDeliveryEnd", OLD."estimatedDeliveryAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= COALESCE(OLD."estimatedDeliveryEnd", OLD."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "estimateDay",
          CASE WHEN OLD."predictedDeliveryAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', OLD."predictedDeliveryAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "predictionDay"
        WHERE OLD."status" = 'delivered' AND OLD."deliveredAt" IS NOT NULL) d
      CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
      WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)
      ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
  INSERT INTO "DeliveryDayStat" ("shopDomain", "day", "dimension", "value", "measure", "businessDays", "deliveries", "withEstimate", "onTimeEstimate", "withPrediction", "onTimePrediction")
      SELECT d."shopDomain" AS "shopDomain", d."deliveredDay" AS "day", m."dimension" AS "dimension",
        CASE WHEN m."dimension" = 'carrier' THEN d."carrier" ELSE d."lane" END AS "value",
        m."measure" AS "measure",
        CASE WHEN m."measure" = 'ship' THEN CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."shipDay" + 1) / 7) + CASE (d."shipDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END ELSE CASE WHEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) > 0 THEN ((5 * ((d."deliveredDay" + 1) / 7) + CASE (d."deliveredDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END) - (5 * ((d."orderDay" + 1) / 7) + CASE (d."orderDay" + 1) % 7 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 3 ELSE 4 END)) ELSE 0 END END AS "businessDays",
        1 AS "deliveries",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."estimateDay" IS NOT NULL THEN 1 ELSE 0 END AS "withEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."estimateDay" THEN 1 ELSE 0 END AS "onTimeEstimate",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."predictionDay" IS NOT NULL THEN 1 ELSE 0 END AS "withPrediction",
        CASE WHEN m."dimension" = 'carrier' AND m."measure" = 'ship' AND d."deliveredDay" <= d."predictionDay" THEN 1 ELSE 0 END AS "onTimePrediction"
      FROM (SELECT NEW."shopDomain" AS "shopDomain",
          COALESCE(NEW."carrier", '') AS "carrier",
          CASE WHEN NEW."originCountry" IS NOT NULL AND NEW."destinationCountry" IS NOT NULL
            THEN NEW."originCountry" || '>' || NEW."destinationCountry" END AS "lane",
          ((CAST(strftime('%s', NEW."deliveredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."deliveredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "deliveredDay",
          ((CAST(strftime('%s', COALESCE(NEW."fulfillmentCreatedAt", NEW."createdAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= COALESCE(NEW."fulfillmentCreatedAt", NEW."createdAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "shipDay",
          CASE WHEN NEW."orderCreatedAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', NEW."orderCreatedAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."orderCreatedAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "orderDay",
          CASE WHEN NEW."estimatedDeliveryAt" IS NULL THEN NULL
            ELSE ((CAST(strftime('%s', COALESCE(NEW."estimatedDeliveryEnd", NEW."estimatedDeliveryAt")) AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= COALESCE(NEW."estimatedDeliveryEnd", NEW."estimatedDeliveryAt") ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "estimateDay",
          CASE WHEN NEW."predictedDeliveryAt" IS NULL THEN NULL ELSE ((CAST(strftime('%s', NEW."predictedDeliveryAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."predictedDeliveryAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) END AS "predictionDay"
        WHERE NEW."status" = 'delivered' AND NEW."deliveredAt" IS NOT NULL) d
      CROSS JOIN (SELECT 'carrier' AS "dimension", 'ship' AS "measure" UNION ALL SELECT 'carrier', 'order' UNION ALL SELECT 'lane', 'ship' UNION ALL SELECT 'lane', 'order') m
      WHERE (m."measure" = 'ship' OR d."orderDay" IS NOT NULL) AND (m."dimension" = 'carrier' OR d."lane" IS NOT NULL)
      ON CONFLICT ("shopDomain", "day", "dimension", "value", "measure", "businessDays") DO UPDATE SET "deliveries" = "DeliveryDayStat"."deliveries" + excluded."deliveries", "withEstimate" = "DeliveryDayStat"."withEstimate" + excluded."withEstimate", "onTimeEstimate" = "DeliveryDayStat"."onTimeEstimate" + excluded."onTimeEstimate", "withPrediction" = "DeliveryDayStat"."withPrediction" + excluded."withPrediction", "onTimePrediction" = "DeliveryDayStat"."onTimePrediction" + excluded."onTimePrediction";
END;

CREATE TRIGGER "OrderSummary_on_update" AFTER UPDATE OF "shopDomain", "orderId", "createdAt" ON "Shipment" WHEN OLD."shopDomain" IS NOT NEW."shopDomain" OR OLD."orderId" IS NOT NEW."orderId" OR OLD."createdAt" IS NOT NEW."createdAt"
BEGIN
  DELETE FROM "OrderSummary" WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId"
        AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."shopDomain" = OLD."shopDomain" AND s."orderId" = OLD."orderId");
      UPDATE "OrderSummary" SET "firstShipmentAt" = (SELECT MIN(s."createdAt") FROM "Shipment" s WHERE s."shopDomain" = OLD."shopDomain" AND s."orderId" = OLD."orderId")
        WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId";
  INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
      VALUES (NEW."shopDomain", NEW."orderId", NEW."createdAt",
        (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = NEW."shopDomain" AND l."orderId" = NEW."orderId" AND l."surface" <> 'admin'))
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "firstShipmentAt" = CASE WHEN excluded."firstShipmentAt" < "OrderSummary"."firstShipmentAt" THEN excluded."firstShipmentAt" ELSE "OrderSummary"."firstShipmentAt" END;
END;

CREATE TRIGGER "LookupEvent_summaries_on_insert" AFTER INSERT ON "LookupEvent"
BEGIN
  INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
      SELECT NEW."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', NEW."occurredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        NEW."surface" AS "surface",
        1 AS "lookups"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
  UPDATE "OrderSummary" SET "shopperLookups" = "shopperLookups" + 1
        WHERE "shopDomain" = NEW."shopDomain" AND "orderId" = NEW."orderId" AND NEW."surface" <> 'admin';
END;

CREATE TRIGGER "LookupEvent_summaries_on_delete" AFTER DELETE ON "LookupEvent"
BEGIN
  INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
      SELECT OLD."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', OLD."occurredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        OLD."surface" AS "surface",
        -1 AS "lookups"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
  UPDATE "OrderSummary" SET "shopperLookups" = "shopperLookups" + -1
        WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId" AND OLD."surface" <> 'admin';
END;

CREATE TRIGGER "LookupDayStat_on_update" AFTER UPDATE OF "shopDomain", "occurredAt", "surface" ON "LookupEvent" WHEN OLD."shopDomain" IS NOT NEW."shopDomain" OR OLD."occurredAt" IS NOT NEW."occurredAt" OR OLD."surface" IS NOT NEW."surface"
BEGIN
  INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
      SELECT OLD."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', OLD."occurredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = OLD."shopDomain" AND o."startsAt" <= OLD."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        OLD."surface" AS "surface",
        -1 AS "lookups"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
  INSERT INTO "LookupDayStat" ("shopDomain", "day", "surface", "lookups")
      SELECT NEW."shopDomain" AS "shopDomain",
        ((CAST(strftime('%s', NEW."occurredAt") AS INTEGER) / 60 + COALESCE((SELECT o."offsetMinutes" FROM "ShopUtcOffset" o WHERE o."shopDomain" = NEW."shopDomain" AND o."startsAt" <= NEW."occurredAt" ORDER BY o."startsAt" DESC LIMIT 1), 0)) / 1440) AS "day",
        NEW."surface" AS "surface",
        1 AS "lookups"
      WHERE 1 = 1
      ON CONFLICT ("shopDomain", "day", "surface") DO UPDATE SET "lookups" = "LookupDayStat"."lookups" + excluded."lookups";
END;

CREATE TRIGGER "OrderSummary_lookups_on_update" AFTER UPDATE OF "shopDomain", "orderId", "surface" ON "LookupEvent" WHEN OLD."shopDomain" IS NOT NEW."shopDomain" OR OLD."orderId" IS NOT NEW."orderId" OR OLD."surface" IS NOT NEW."surface"
BEGIN
  UPDATE "OrderSummary" SET "shopperLookups" = "shopperLookups" + -1
        WHERE "shopDomain" = OLD."shopDomain" AND "orderId" = OLD."orderId" AND OLD."surface" <> 'admin';
  UPDATE "OrderSummary" SET "shopperLookups" = "shopperLookups" + 1
        WHERE "shopDomain" = NEW."shopDomain" AND "orderId" = NEW."orderId" AND NEW."surface" <> 'admin';
END;

-- Order summaries of what is already stored. Per-day summaries are built per shop, with its time
-- zone, the first time its dashboard is read (app/data/day-summaries.server.ts).
INSERT INTO "OrderSummary" ("shopDomain", "orderId", "firstShipmentAt", "shopperLookups")
  SELECT s."shopDomain", s."orderId", MIN(s."createdAt"),
    (SELECT COUNT(*) FROM "LookupEvent" l WHERE l."shopDomain" = s."shopDomain" AND l."orderId" = s."orderId" AND l."surface" <> 'admin')
  FROM "Shipment" s
  GROUP BY s."shopDomain", s."orderId";

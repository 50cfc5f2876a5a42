-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "writeBackEnabled" BOOLEAN NOT NULL DEFAULT true,
    "supportMinutesPerInquiry" INTEGER NOT NULL DEFAULT 6,
    "brandAccentColor" TEXT,
    "brandLogoUrl" TEXT,
    "locales" TEXT NOT NULL DEFAULT 'en',
    "trackingRulesJson" TEXT NOT NULL DEFAULT '{}',
    "backfillStatus" TEXT NOT NULL DEFAULT 'idle',
    "backfillCursor" TEXT,
    "backfillImported" INTEGER NOT NULL DEFAULT 0,
    "backfillTotal" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Shipment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderCreatedAt" DATETIME,
    "fulfillmentId" TEXT NOT NULL,
    "fulfillmentCreatedAt" DATETIME,
    "sourceUpdatedAt" DATETIME,
    "trackingNumber" TEXT NOT NULL,
    "trackingUrl" TEXT,
    "declaredCarrier" TEXT,
    "carrier" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "subStatus" TEXT,
    "stalled" BOOLEAN NOT NULL DEFAULT false,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "notPickedUp" BOOLEAN NOT NULL DEFAULT false,
    "estimatedDeliveryAt" DATETIME,
    "estimatedDeliveryEnd" DATETIME,
    "predictedDeliveryAt" DATETIME,
    "pickedUpAt" DATETIME,
    "deliveredAt" DATETIME,
    "lastEventAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "leaseUntil" DATETIME,
    "leaseOwner" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "originCountry" TEXT,
    "destinationCountry" TEXT,
    "lineItemCount" INTEGER,
    "isReturn" BOOLEAN NOT NULL DEFAULT false,
    "customerEmailHash" TEXT,
    "trackingStoppedAt" DATETIME,
    "stopReason" TEXT,
    "shopifyStatus" TEXT,
    "shopifyStatusAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Shipment_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrackingEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shipmentId" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "localTime" TEXT,
    "status" TEXT NOT NULL,
    "subStatus" TEXT,
    "carrierCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "city" TEXT,
    "province" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "rawPayload" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrackingEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "apiVersion" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "error" TEXT,
    "payload" TEXT
);

-- CreateTable
CREATE TABLE "CarrierAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "credentialsEncrypted" TEXT NOT NULL,
    "maskedHint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CarrierAccount_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CarrierNameMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CarrierNameMapping_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LookupEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "shipmentId" TEXT,
    "orderId" TEXT,
    "surface" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LookupEvent_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LookupEvent_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WriteBack" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "fulfillmentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "shopifyStatus" TEXT NOT NULL,
    "happenedAt" DATETIME NOT NULL,
    "estimatedDeliveryAt" DATETIME,
    "message" TEXT,
    "city" TEXT,
    "province" TEXT,
    "country" TEXT,
    "zip" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "shopifyEventId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WriteBack_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Shipment_nextCheckAt_leaseUntil_idx" ON "Shipment"("nextCheckAt", "leaseUntil");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_createdAt_idx" ON "Shipment"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_status_createdAt_idx" ON "Shipment"("shopDomain", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_carrier_createdAt_idx" ON "Shipment"("shopDomain", "carrier", "createdAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_trackingNumber_idx" ON "Shipment"("shopDomain", "trackingNumber");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_orderName_idx" ON "Shipment"("shopDomain", "orderName");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_orderId_idx" ON "Shipment"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Shipment_shopDomain_fulfillmentId_trackingNumber_key" ON "Shipment"("shopDomain", "fulfillmentId", "trackingNumber");

-- CreateIndex
CREATE INDEX "TrackingEvent_shipmentId_occurredAt_idx" ON "TrackingEvent"("shipmentId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingEvent_shipmentId_dedupeKey_key" ON "TrackingEvent"("shipmentId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_webhookId_key" ON "WebhookReceipt"("webhookId");

-- CreateIndex
CREATE INDEX "WebhookReceipt_shopDomain_topic_idx" ON "WebhookReceipt"("shopDomain", "topic");

-- CreateIndex
CREATE INDEX "WebhookReceipt_processedAt_receivedAt_idx" ON "WebhookReceipt"("processedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierAccount_shopDomain_carrier_key" ON "CarrierAccount"("shopDomain", "carrier");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierNameMapping_shopDomain_name_key" ON "CarrierNameMapping"("shopDomain", "name");

-- CreateIndex
CREATE INDEX "LookupEvent_shopDomain_occurredAt_idx" ON "LookupEvent"("shopDomain", "occurredAt");

-- CreateIndex
CREATE INDEX "LookupEvent_shipmentId_idx" ON "LookupEvent"("shipmentId");

-- CreateIndex
CREATE INDEX "WriteBack_state_nextAttemptAt_idx" ON "WriteBack"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WriteBack_shopDomain_createdAt_idx" ON "WriteBack"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WriteBack_shipmentId_status_happenedAt_key" ON "WriteBack"("shipmentId", "status", "happenedAt");

-- CreateTable
CREATE TABLE "ShipmentMoment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "shipmentId" TEXT,
    "orderId" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "estimateAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShipmentMoment_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "momentId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shipmentId" TEXT,
    "channel" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "carriedBy" TEXT,
    "providerId" TEXT,
    "possibleDuplicates" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Notification_momentId_fkey" FOREIGN KEY ("momentId") REFERENCES "ShipmentMoment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopperContact" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "locale" TEXT,
    "emailHash" TEXT,
    "phoneHash" TEXT,
    "purgeAfter" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "orderId")
);

-- CreateTable
CREATE TABLE "NotificationOptOut" (
    "shopDomain" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopDomain", "emailHash", "orderId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
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
    "updatedAt" DATETIME NOT NULL,
    "backfillError" TEXT,
    "backfillFinishedAt" DATETIME,
    "backfillMode" TEXT,
    "backfillOperationId" TEXT,
    "backfillSince" DATETIME,
    "backfillStartedAt" DATETIME,
    "notificationSettingsJson" TEXT NOT NULL DEFAULT '{}',
    "smtpSealed" TEXT,
    "klaviyoKeySealed" TEXT,
    "twilioSealed" TEXT
);
INSERT INTO "new_Shop" ("backfillCursor", "backfillError", "backfillFinishedAt", "backfillImported", "backfillMode", "backfillOperationId", "backfillSince", "backfillStartedAt", "backfillStatus", "backfillTotal", "brandAccentColor", "brandLogoUrl", "createdAt", "domain", "installedAt", "locales", "name", "supportMinutesPerInquiry", "timezone", "trackingRulesJson", "uninstalledAt", "updatedAt", "writeBackEnabled") SELECT "backfillCursor", "backfillError", "backfillFinishedAt", "backfillImported", "backfillMode", "backfillOperationId", "backfillSince", "backfillStartedAt", "backfillStatus", "backfillTotal", "brandAccentColor", "brandLogoUrl", "createdAt", "domain", "installedAt", "locales", "name", "supportMinutesPerInquiry", "timezone", "trackingRulesJson", "uninstalledAt", "updatedAt", "writeBackEnabled" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ShipmentMoment_shopDomain_orderId_idx" ON "ShipmentMoment"("shopDomain", "orderId");

-- CreateIndex
CREATE INDEX "ShipmentMoment_shipmentId_idx" ON "ShipmentMoment"("shipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentMoment_shopDomain_subjectKey_moment_key" ON "ShipmentMoment"("shopDomain", "subjectKey", "moment");

-- CreateIndex
CREATE INDEX "Notification_state_nextAttemptAt_idx" ON "Notification"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_shopDomain_orderId_channel_state_idx" ON "Notification"("shopDomain", "orderId", "channel", "state");

-- CreateIndex
CREATE INDEX "Notification_shipmentId_idx" ON "Notification"("shipmentId");

-- CreateIndex
CREATE INDEX "Notification_shopDomain_createdAt_idx" ON "Notification"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_momentId_channel_key" ON "Notification"("momentId", "channel");

-- CreateIndex
CREATE INDEX "ShopperContact_purgeAfter_idx" ON "ShopperContact"("purgeAfter");

-- CreateIndex
CREATE INDEX "ShopperContact_shopDomain_emailHash_idx" ON "ShopperContact"("shopDomain", "emailHash");


-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "trackingIssue" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "trackingIssueDetail" TEXT;

-- AlterTable
ALTER TABLE "WriteBack" ADD COLUMN "leaseOwner" TEXT;

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "customerId" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "resultJson" TEXT
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
    "backfillStartedAt" DATETIME
);
INSERT INTO "new_Shop" ("domain", "name", "installedAt", "uninstalledAt", "timezone", "writeBackEnabled", "supportMinutesPerInquiry", "brandAccentColor", "brandLogoUrl", "locales", "trackingRulesJson", "backfillStatus", "backfillCursor", "backfillImported", "backfillTotal", "createdAt", "updatedAt") SELECT "domain", "name", "installedAt", "uninstalledAt", "timezone", "writeBackEnabled", "supportMinutesPerInquiry", "brandAccentColor", "brandLogoUrl", "locales", "trackingRulesJson", "backfillStatus", "backfillCursor", "backfillImported", "backfillTotal", "createdAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE TABLE "new_WebhookReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "apiVersion" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "error" TEXT,
    "payload" TEXT,
    "outcome" TEXT,
    "orderId" TEXT,
    "replayCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_WebhookReceipt" ("apiVersion", "error", "id", "payload", "processedAt", "receivedAt", "shopDomain", "topic", "webhookId") SELECT "apiVersion", "error", "id", "payload", "processedAt", "receivedAt", "shopDomain", "topic", "webhookId" FROM "WebhookReceipt";
DROP TABLE "WebhookReceipt";
ALTER TABLE "new_WebhookReceipt" RENAME TO "WebhookReceipt";
CREATE UNIQUE INDEX "WebhookReceipt_webhookId_key" ON "WebhookReceipt"("webhookId");
CREATE INDEX "WebhookReceipt_shopDomain_topic_idx" ON "WebhookReceipt"("shopDomain", "topic");
CREATE INDEX "WebhookReceipt_processedAt_receivedAt_idx" ON "WebhookReceipt"("processedAt", "receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequest_webhookId_key" ON "ComplianceRequest"("webhookId");

-- CreateIndex
CREATE INDEX "ComplianceRequest_shopDomain_receivedAt_idx" ON "ComplianceRequest"("shopDomain", "receivedAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_trackingIssue_idx" ON "Shipment"("shopDomain", "trackingIssue");

-- CreateIndex
CREATE INDEX "WriteBack_fulfillmentId_state_idx" ON "WriteBack"("fulfillmentId", "state");


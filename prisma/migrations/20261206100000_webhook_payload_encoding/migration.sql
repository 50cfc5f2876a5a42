-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "replayCount" INTEGER NOT NULL DEFAULT 0,
    "payloadEncoding" TEXT
);
INSERT INTO "new_WebhookReceipt" ("apiVersion", "error", "id", "orderId", "outcome", "payload", "processedAt", "receivedAt", "replayCount", "shopDomain", "topic", "webhookId") SELECT "apiVersion", "error", "id", "orderId", "outcome", "payload", "processedAt", "receivedAt", "replayCount", "shopDomain", "topic", "webhookId" FROM "WebhookReceipt";
DROP TABLE "WebhookReceipt";
ALTER TABLE "new_WebhookReceipt" RENAME TO "WebhookReceipt";
CREATE UNIQUE INDEX "WebhookReceipt_webhookId_key" ON "WebhookReceipt"("webhookId");
CREATE INDEX "WebhookReceipt_shopDomain_topic_idx" ON "WebhookReceipt"("shopDomain", "topic");
CREATE INDEX "WebhookReceipt_processedAt_receivedAt_idx" ON "WebhookReceipt"("processedAt", "receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

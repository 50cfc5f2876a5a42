-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "backfillError" TEXT,
ADD COLUMN     "backfillFinishedAt" TIMESTAMP(3),
ADD COLUMN     "backfillMode" TEXT,
ADD COLUMN     "backfillOperationId" TEXT,
ADD COLUMN     "backfillSince" TIMESTAMP(3),
ADD COLUMN     "backfillStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "trackingIssue" TEXT,
ADD COLUMN     "trackingIssueDetail" TEXT;

-- AlterTable
ALTER TABLE "WebhookReceipt" ADD COLUMN     "orderId" TEXT,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "replayCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "WriteBack" ADD COLUMN     "leaseOwner" TEXT;

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "customerId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "resultJson" TEXT,

    CONSTRAINT "ComplianceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequest_webhookId_key" ON "ComplianceRequest"("webhookId");

-- CreateIndex
CREATE INDEX "ComplianceRequest_shopDomain_receivedAt_idx" ON "ComplianceRequest"("shopDomain", "receivedAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_trackingIssue_idx" ON "Shipment"("shopDomain", "trackingIssue");

-- CreateIndex
CREATE INDEX "WriteBack_fulfillmentId_state_idx" ON "WriteBack"("fulfillmentId", "state");


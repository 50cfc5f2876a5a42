-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "disputeEvidenceMode" TEXT NOT NULL DEFAULT 'download',
ADD COLUMN     "pickupAttentionDays" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "proofOfDeliveryJson" TEXT;

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "disputeId" TEXT NOT NULL,
    "orderId" TEXT,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "networkReasonCode" TEXT,
    "status" TEXT NOT NULL,
    "amount" TEXT,
    "currency" TEXT,
    "initiatedAt" TIMESTAMP(3),
    "evidenceDueBy" TIMESTAMP(3),
    "evidenceSentOn" TIMESTAMP(3),
    "finalizedOn" TIMESTAMP(3),
    "orderKnown" BOOLEAN NOT NULL DEFAULT false,
    "evidenceState" TEXT NOT NULL DEFAULT 'not_applicable',
    "evidenceError" TEXT,
    "evidenceAttachedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorklistItem" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "shipmentId" TEXT,
    "orderId" TEXT,
    "orderName" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "assigneeId" TEXT,
    "assignee" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorklistNote" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorklistNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detailJson" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dispute_shopDomain_orderId_idx" ON "Dispute"("shopDomain", "orderId");

-- CreateIndex
CREATE INDEX "Dispute_shopDomain_status_idx" ON "Dispute"("shopDomain", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_shopDomain_disputeId_key" ON "Dispute"("shopDomain", "disputeId");

-- CreateIndex
CREATE INDEX "WorklistItem_shopDomain_state_openedAt_idx" ON "WorklistItem"("shopDomain", "state", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorklistItem_shopDomain_kind_subjectId_key" ON "WorklistItem"("shopDomain", "kind", "subjectId");

-- CreateIndex
CREATE INDEX "WorklistNote_itemId_createdAt_idx" ON "WorklistNote"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_shopDomain_createdAt_idx" ON "AuditEntry"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_shopDomain_subjectType_subjectId_idx" ON "AuditEntry"("shopDomain", "subjectType", "subjectId");

-- AddForeignKey
ALTER TABLE "WorklistNote" ADD CONSTRAINT "WorklistNote_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "WorklistItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;


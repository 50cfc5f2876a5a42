-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "returnId" TEXT;

-- CreateTable
CREATE TABLE "ReturnRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "orderId" TEXT,
    "name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "reverseDeliveryId" TEXT,
    "trackingNumber" TEXT,
    "trackingCompany" TEXT,
    "trackingUrl" TEXT,
    "shipmentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReturnRecord_shopDomain_orderId_idx" ON "ReturnRecord"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRecord_shopDomain_returnId_key" ON "ReturnRecord"("shopDomain", "returnId");


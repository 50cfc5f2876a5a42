-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "returnId" TEXT;

-- CreateTable
CREATE TABLE "ReturnRecord" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReturnRecord_shopDomain_orderId_idx" ON "ReturnRecord"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRecord_shopDomain_returnId_key" ON "ReturnRecord"("shopDomain", "returnId");


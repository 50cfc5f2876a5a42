-- CreateTable
CREATE TABLE "CarrierSubscription" (
    "id" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "externalId" TEXT,
    "subscribedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextActionAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CarrierSubscription_nextActionAt_idx" ON "CarrierSubscription"("nextActionAt");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierSubscription_shipmentId_carrier_key" ON "CarrierSubscription"("shipmentId", "carrier");

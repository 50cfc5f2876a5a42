-- CreateTable
CREATE TABLE "CarrierSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shipmentId" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "externalId" TEXT,
    "subscribedAt" DATETIME,
    "expiresAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextActionAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CarrierSubscription_nextActionAt_idx" ON "CarrierSubscription"("nextActionAt");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierSubscription_shipmentId_carrier_key" ON "CarrierSubscription"("shipmentId", "carrier");

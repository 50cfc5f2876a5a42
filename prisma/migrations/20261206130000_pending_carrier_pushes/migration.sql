-- CreateTable
CREATE TABLE "PendingCarrierPush" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "carrier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "resultJson" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PendingCarrierPush_trackingNumber_idx" ON "PendingCarrierPush"("trackingNumber");

-- CreateIndex
CREATE INDEX "PendingCarrierPush_expiresAt_idx" ON "PendingCarrierPush"("expiresAt");

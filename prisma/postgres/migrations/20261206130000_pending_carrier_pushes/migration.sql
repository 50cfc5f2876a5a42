-- CreateTable
CREATE TABLE "PendingCarrierPush" (
    "id" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "trackingNumber" TEXT NOT NULL,
    "resultJson" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingCarrierPush_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingCarrierPush_trackingNumber_idx" ON "PendingCarrierPush"("trackingNumber");

-- CreateIndex
CREATE INDEX "PendingCarrierPush_expiresAt_idx" ON "PendingCarrierPush"("expiresAt");

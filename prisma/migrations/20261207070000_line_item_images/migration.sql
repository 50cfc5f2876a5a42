-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "lineItemImagesCheckedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Shipment_lineItemImagesCheckedAt_createdAt_idx" ON "Shipment"("lineItemImagesCheckedAt", "createdAt");

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "lineItemImagesCheckedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Shipment_lineItemImagesCheckedAt_createdAt_idx" ON "Shipment"("lineItemImagesCheckedAt", "createdAt");

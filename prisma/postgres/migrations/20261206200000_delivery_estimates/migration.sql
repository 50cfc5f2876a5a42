-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "estimateSource" TEXT,
ADD COLUMN     "firstCarrierEstimateAt" TIMESTAMP(3),
ADD COLUMN     "firstPredictedDeliveryAt" TIMESTAMP(3),
ADD COLUMN     "predictedDeliveryEnd" TIMESTAMP(3),
ADD COLUMN     "predictedDeliveryStart" TIMESTAMP(3),
ADD COLUMN     "shownEstimateEnd" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeliveryEstimateModel" (
    "shopDomain" TEXT NOT NULL,
    "modelJson" TEXT NOT NULL,
    "observations" INTEGER NOT NULL DEFAULT 0,
    "cursorDeliveredAt" TIMESTAMP(3),
    "refreshedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryEstimateModel_pkey" PRIMARY KEY ("shopDomain")
);

-- AddForeignKey
ALTER TABLE "DeliveryEstimateModel" ADD CONSTRAINT "DeliveryEstimateModel_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;


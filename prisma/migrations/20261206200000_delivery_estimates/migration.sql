-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "estimateSource" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "firstCarrierEstimateAt" DATETIME;
ALTER TABLE "Shipment" ADD COLUMN "firstPredictedDeliveryAt" DATETIME;
ALTER TABLE "Shipment" ADD COLUMN "predictedDeliveryEnd" DATETIME;
ALTER TABLE "Shipment" ADD COLUMN "predictedDeliveryStart" DATETIME;
ALTER TABLE "Shipment" ADD COLUMN "shownEstimateEnd" DATETIME;

-- CreateTable
CREATE TABLE "DeliveryEstimateModel" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "modelJson" TEXT NOT NULL,
    "observations" INTEGER NOT NULL DEFAULT 0,
    "cursorDeliveredAt" DATETIME,
    "refreshedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeliveryEstimateModel_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);


-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "originRegion" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "destinationRegion" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "destinationPostalPrefix" TEXT;

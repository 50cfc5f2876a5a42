-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "originRegion" TEXT,
ADD COLUMN     "destinationRegion" TEXT,
ADD COLUMN     "destinationPostalPrefix" TEXT;

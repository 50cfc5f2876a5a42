-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "customerPhoneHash" TEXT;

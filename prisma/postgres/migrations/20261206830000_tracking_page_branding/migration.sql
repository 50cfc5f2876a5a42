-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "trackingPageJson" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Shipment" ADD COLUMN     "lineItemsJson" TEXT;

-- CreateTable
CREATE TABLE "ShopLogo" (
    "shopDomain" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopLogo_pkey" PRIMARY KEY ("shopDomain")
);

-- AddForeignKey
ALTER TABLE "ShopLogo" ADD CONSTRAINT "ShopLogo_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

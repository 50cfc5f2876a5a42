-- AlterTable (added in place: a table rebuild would drop columns other migrations added)
ALTER TABLE "Shop" ADD COLUMN "trackingPageJson" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Shipment" ADD COLUMN "lineItemsJson" TEXT;

-- CreateTable
CREATE TABLE "ShopLogo" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopLogo_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

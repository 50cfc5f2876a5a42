-- CreateTable
CREATE TABLE "OrderPlaced" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderCreatedAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopDomain", "orderId"),
    CONSTRAINT "OrderPlaced_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrderPlaced_receivedAt_idx" ON "OrderPlaced"("receivedAt");

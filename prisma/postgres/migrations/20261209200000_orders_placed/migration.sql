-- CreateTable
CREATE TABLE "OrderPlaced" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderCreatedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderPlaced_pkey" PRIMARY KEY ("shopDomain","orderId")
);

-- CreateIndex
CREATE INDEX "OrderPlaced_receivedAt_idx" ON "OrderPlaced"("receivedAt");

-- AddForeignKey
ALTER TABLE "OrderPlaced" ADD CONSTRAINT "OrderPlaced_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

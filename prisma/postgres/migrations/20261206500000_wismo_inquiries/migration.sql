-- CreateTable
CREATE TABLE "Inquiry" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT,
    "shipmentId" TEXT,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "externalId" TEXT,
    "parcelStatus" TEXT,
    "parcelLate" BOOLEAN NOT NULL DEFAULT false,
    "parcelStalled" BOOLEAN NOT NULL DEFAULT false,
    "carrier" TEXT,
    "lane" TEXT,
    "lookedAtTracking" BOOLEAN NOT NULL DEFAULT false,
    "notifiedBefore" BOOLEAN NOT NULL DEFAULT false,
    "messageSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inquiry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WismoSettings" (
    "shopDomain" TEXT NOT NULL,
    "holdoutEnabled" BOOLEAN NOT NULL DEFAULT false,
    "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
    "holdoutKey" TEXT NOT NULL,
    "holdoutStartedAt" TIMESTAMP(3),
    "keepMessages" BOOLEAN NOT NULL DEFAULT false,
    "gorgiasSecretSealed" TEXT,
    "zendeskSecretSealed" TEXT,
    "apiSecretSealed" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WismoSettings_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "Inquiry_shopDomain_createdAt_idx" ON "Inquiry"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Inquiry_shopDomain_orderId_idx" ON "Inquiry"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Inquiry_shopDomain_source_externalId_key" ON "Inquiry"("shopDomain", "source", "externalId");

-- AddForeignKey
ALTER TABLE "Inquiry" ADD CONSTRAINT "Inquiry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WismoSettings" ADD CONSTRAINT "WismoSettings_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;


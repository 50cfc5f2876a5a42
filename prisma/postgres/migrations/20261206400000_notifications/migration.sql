-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "klaviyoKeySealed" TEXT,
ADD COLUMN     "notificationSettingsJson" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "smtpSealed" TEXT,
ADD COLUMN     "twilioSealed" TEXT;

-- CreateTable
CREATE TABLE "ShipmentMoment" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "shipmentId" TEXT,
    "orderId" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "estimateAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentMoment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "momentId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shipmentId" TEXT,
    "channel" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "carriedBy" TEXT,
    "providerId" TEXT,
    "possibleDuplicates" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopperContact" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "locale" TEXT,
    "emailHash" TEXT,
    "phoneHash" TEXT,
    "purgeAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopperContact_pkey" PRIMARY KEY ("shopDomain","orderId")
);

-- CreateTable
CREATE TABLE "NotificationOptOut" (
    "shopDomain" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationOptOut_pkey" PRIMARY KEY ("shopDomain","emailHash","orderId")
);

-- CreateIndex
CREATE INDEX "ShipmentMoment_shopDomain_orderId_idx" ON "ShipmentMoment"("shopDomain", "orderId");

-- CreateIndex
CREATE INDEX "ShipmentMoment_shipmentId_idx" ON "ShipmentMoment"("shipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentMoment_shopDomain_subjectKey_moment_key" ON "ShipmentMoment"("shopDomain", "subjectKey", "moment");

-- CreateIndex
CREATE INDEX "Notification_state_nextAttemptAt_idx" ON "Notification"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_shopDomain_orderId_channel_state_idx" ON "Notification"("shopDomain", "orderId", "channel", "state");

-- CreateIndex
CREATE INDEX "Notification_shipmentId_idx" ON "Notification"("shipmentId");

-- CreateIndex
CREATE INDEX "Notification_shopDomain_createdAt_idx" ON "Notification"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_momentId_channel_key" ON "Notification"("momentId", "channel");

-- CreateIndex
CREATE INDEX "ShopperContact_purgeAfter_idx" ON "ShopperContact"("purgeAfter");

-- CreateIndex
CREATE INDEX "ShopperContact_shopDomain_emailHash_idx" ON "ShopperContact"("shopDomain", "emailHash");

-- AddForeignKey
ALTER TABLE "ShipmentMoment" ADD CONSTRAINT "ShipmentMoment_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_momentId_fkey" FOREIGN KEY ("momentId") REFERENCES "ShipmentMoment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


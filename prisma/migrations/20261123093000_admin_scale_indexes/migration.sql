-- DropIndex
DROP INDEX "Shipment_shopDomain_createdAt_idx";

-- DropIndex
DROP INDEX "Shipment_shopDomain_status_createdAt_idx";

-- DropIndex
DROP INDEX "Shipment_shopDomain_deliveredAt_idx";

-- DropIndex
DROP INDEX "LookupEvent_shopDomain_occurredAt_idx";

-- DropIndex
DROP INDEX "LookupEvent_shopDomain_orderId_idx";

-- CreateIndex
CREATE INDEX "Shipment_shop_created_covering_idx" ON "Shipment"("shopDomain", "createdAt", "status", "carrier", "stalled", "late", "notPickedUp", "trackingIssue", "isReturn", "destinationCountry", "orderId");

-- CreateIndex
CREATE INDEX "Shipment_shop_status_covering_idx" ON "Shipment"("shopDomain", "status", "createdAt", "carrier", "subStatus", "stalled", "late", "notPickedUp", "trackingIssue", "isReturn", "destinationCountry");

-- CreateIndex
CREATE INDEX "Shipment_shop_delivered_covering_idx" ON "Shipment"("shopDomain", "deliveredAt", "status", "carrier", "originCountry", "destinationCountry", "createdAt", "fulfillmentCreatedAt", "orderCreatedAt", "estimatedDeliveryAt", "estimatedDeliveryEnd", "predictedDeliveryAt");

-- CreateIndex
CREATE INDEX "LookupEvent_shopDomain_occurredAt_surface_idx" ON "LookupEvent"("shopDomain", "occurredAt", "surface");

-- CreateIndex
CREATE INDEX "LookupEvent_shopDomain_orderId_surface_idx" ON "LookupEvent"("shopDomain", "orderId", "surface");


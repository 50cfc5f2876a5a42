-- CreateIndex
CREATE INDEX "Shipment_shop_carrier_status_covering_idx" ON "Shipment"("shopDomain", "carrier", "status", "createdAt", "stalled", "late", "notPickedUp", "trackingIssue");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_status_idx" ON "Shipment"("shopDomain", "status");


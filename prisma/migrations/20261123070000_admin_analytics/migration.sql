-- CreateIndex
CREATE INDEX "Shipment_shopDomain_deliveredAt_idx" ON "Shipment"("shopDomain", "deliveredAt");

-- CreateIndex
CREATE INDEX "Shipment_shopDomain_customerEmailHash_idx" ON "Shipment"("shopDomain", "customerEmailHash");

-- CreateIndex
CREATE INDEX "LookupEvent_shopDomain_orderId_idx" ON "LookupEvent"("shopDomain", "orderId");


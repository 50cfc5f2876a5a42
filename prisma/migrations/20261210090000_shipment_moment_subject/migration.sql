-- CreateIndex
CREATE INDEX "ShipmentMoment_subjectKey_idx" ON "ShipmentMoment"("subjectKey");

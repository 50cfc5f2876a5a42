-- CreateTable
CREATE TABLE "ShipmentSavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ShipmentJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "payload" TEXT NOT NULL,
    "results" TEXT,
    "fileName" TEXT,
    "fileContent" TEXT,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "expiresAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentSavedView_shopDomain_name_key" ON "ShipmentSavedView"("shopDomain", "name");

-- CreateIndex
CREATE INDEX "ShipmentJob_state_createdAt_idx" ON "ShipmentJob"("state", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentJob_shopDomain_kind_createdAt_idx" ON "ShipmentJob"("shopDomain", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentJob_expiresAt_idx" ON "ShipmentJob"("expiresAt");


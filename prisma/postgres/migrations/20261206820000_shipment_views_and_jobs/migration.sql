-- CreateTable
CREATE TABLE "ShipmentSavedView" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShipmentSavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShipmentJob" (
    "id" TEXT NOT NULL,
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
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ShipmentJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentSavedView_shopDomain_name_key" ON "ShipmentSavedView"("shopDomain", "name");

-- CreateIndex
CREATE INDEX "ShipmentJob_state_createdAt_idx" ON "ShipmentJob"("state", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentJob_shopDomain_kind_createdAt_idx" ON "ShipmentJob"("shopDomain", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentJob_expiresAt_idx" ON "ShipmentJob"("expiresAt");

-- CreateTable
CREATE TABLE "FlowTriggerUse" (
    "shopDomain" TEXT NOT NULL,
    "triggerHandle" TEXT NOT NULL,
    "hasEnabledFlow" BOOLEAN NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowTriggerUse_pkey" PRIMARY KEY ("shopDomain","triggerHandle")
);

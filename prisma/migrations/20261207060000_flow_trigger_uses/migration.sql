-- CreateTable
CREATE TABLE "FlowTriggerUse" (
    "shopDomain" TEXT NOT NULL,
    "triggerHandle" TEXT NOT NULL,
    "hasEnabledFlow" BOOLEAN NOT NULL,
    "reportedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "triggerHandle")
);

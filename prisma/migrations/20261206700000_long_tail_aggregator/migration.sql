-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "writeBackEnabled" BOOLEAN NOT NULL DEFAULT true,
    "supportMinutesPerInquiry" INTEGER NOT NULL DEFAULT 6,
    "brandAccentColor" TEXT,
    "brandLogoUrl" TEXT,
    "locales" TEXT NOT NULL DEFAULT 'en',
    "trackingRulesJson" TEXT NOT NULL DEFAULT '{}',
    "backfillStatus" TEXT NOT NULL DEFAULT 'idle',
    "backfillCursor" TEXT,
    "backfillImported" INTEGER NOT NULL DEFAULT 0,
    "backfillTotal" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "backfillError" TEXT,
    "backfillFinishedAt" DATETIME,
    "backfillMode" TEXT,
    "backfillOperationId" TEXT,
    "backfillSince" DATETIME,
    "backfillStartedAt" DATETIME,
    "longTailAggregator" TEXT,
    "aggregatorQuotaExhausted" TEXT,
    "aggregatorQuotaExhaustedAt" DATETIME
);
INSERT INTO "new_Shop" ("domain", "name", "installedAt", "uninstalledAt", "timezone", "writeBackEnabled", "supportMinutesPerInquiry", "brandAccentColor", "brandLogoUrl", "locales", "trackingRulesJson", "backfillStatus", "backfillCursor", "backfillImported", "backfillTotal", "createdAt", "updatedAt", "backfillError", "backfillFinishedAt", "backfillMode", "backfillOperationId", "backfillSince", "backfillStartedAt") SELECT "domain", "name", "installedAt", "uninstalledAt", "timezone", "writeBackEnabled", "supportMinutesPerInquiry", "brandAccentColor", "brandLogoUrl", "locales", "trackingRulesJson", "backfillStatus", "backfillCursor", "backfillImported", "backfillTotal", "createdAt", "updatedAt", "backfillError", "backfillFinishedAt", "backfillMode", "backfillOperationId", "backfillSince", "backfillStartedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

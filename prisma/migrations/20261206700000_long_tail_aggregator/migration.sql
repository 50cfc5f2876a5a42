-- AlterTable (added in place: a table rebuild would drop columns other migrations added to Shop)
ALTER TABLE "Shop" ADD COLUMN "longTailAggregator" TEXT;
ALTER TABLE "Shop" ADD COLUMN "aggregatorQuotaExhausted" TEXT;
ALTER TABLE "Shop" ADD COLUMN "aggregatorQuotaExhaustedAt" DATETIME;

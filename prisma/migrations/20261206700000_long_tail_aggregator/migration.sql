-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "longTailAggregator" TEXT;
ALTER TABLE "Shop" ADD COLUMN "aggregatorQuotaExhausted" TEXT;
ALTER TABLE "Shop" ADD COLUMN "aggregatorQuotaExhaustedAt" DATETIME;

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "longTailAggregator" TEXT,
ADD COLUMN     "aggregatorQuotaExhausted" TEXT,
ADD COLUMN     "aggregatorQuotaExhaustedAt" TIMESTAMP(3);

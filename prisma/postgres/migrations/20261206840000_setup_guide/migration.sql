-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "setupThemeBlockConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "setupNotificationsReviewedAt" TIMESTAMP(3),
ADD COLUMN     "setupGuideHiddenAt" TIMESTAMP(3);

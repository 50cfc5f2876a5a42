-- AlterTable (added in place: a table rebuild would drop columns other migrations added to Shop)
ALTER TABLE "Shop" ADD COLUMN "setupThemeBlockConfirmedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "setupNotificationsReviewedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "setupGuideHiddenAt" DATETIME;

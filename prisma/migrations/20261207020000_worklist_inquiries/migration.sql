-- AlterTable
ALTER TABLE "WorklistItem" ADD COLUMN "inquiryReason" TEXT;
ALTER TABLE "WorklistItem" ADD COLUMN "inquirySource" TEXT;
ALTER TABLE "WorklistItem" ADD COLUMN "shopperEmailedAt" DATETIME;

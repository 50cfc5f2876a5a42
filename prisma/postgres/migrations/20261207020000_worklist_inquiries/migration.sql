-- AlterTable
ALTER TABLE "WorklistItem" ADD COLUMN     "inquiryReason" TEXT,
ADD COLUMN     "inquirySource" TEXT,
ADD COLUMN     "shopperEmailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WriteBack" ADD COLUMN "sentAt" DATETIME;

-- AlterTable
ALTER TABLE "WriteBack" ADD COLUMN     "sentAt" TIMESTAMP(3);

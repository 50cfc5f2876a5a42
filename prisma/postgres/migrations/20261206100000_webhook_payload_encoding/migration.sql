-- AlterTable
ALTER TABLE "WebhookReceipt" ADD COLUMN     "payloadEncoding" TEXT;

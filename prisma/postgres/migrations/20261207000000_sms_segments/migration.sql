-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "segments" INTEGER;

-- An SMS's segment count moves out of providerId ("SM…;segments=2") into its own column.
UPDATE "Notification"
SET "segments" = split_part("providerId", ';segments=', 2)::integer,
    "providerId" = split_part("providerId", ';segments=', 1)
WHERE "channel" = 'sms' AND "providerId" LIKE '%;segments=%';

-- CreateTable
CREATE TABLE "SmsSegmentDay" (
    "shopDomain" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SmsSegmentDay_pkey" PRIMARY KEY ("shopDomain","day")
);

-- AddForeignKey
ALTER TABLE "SmsSegmentDay" ADD CONSTRAINT "SmsSegmentDay_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

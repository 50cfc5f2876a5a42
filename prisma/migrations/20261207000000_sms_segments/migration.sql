-- AlterTable (added in place: a table rebuild would drop columns other migrations added)
ALTER TABLE "Notification" ADD COLUMN "segments" INTEGER;

-- An SMS's segment count moves out of providerId ("SM…;segments=2") into its own column.
UPDATE "Notification"
SET "segments" = CAST(substr("providerId", instr("providerId", ';segments=') + 10) AS INTEGER),
    "providerId" = substr("providerId", 1, instr("providerId", ';segments=') - 1)
WHERE "channel" = 'sms' AND instr("providerId", ';segments=') > 0;

-- CreateTable
CREATE TABLE "SmsSegmentDay" (
    "shopDomain" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shopDomain", "day"),
    CONSTRAINT "SmsSegmentDay_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

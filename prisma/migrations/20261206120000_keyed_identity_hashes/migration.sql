-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "legacyEmailSha256" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "legacyPhoneSha256" TEXT;

-- Identity hashes become keyed (HMAC with IDENTITY_HASH_KEY), which SQL cannot compute: the
-- unkeyed SHA-256 values move aside and `npm run setup` re-keys them right after migrating
-- (app/data/identity-hashes.server.ts), without ever needing the plaintext.
UPDATE "Shipment"
SET "legacyEmailSha256" = "customerEmailHash", "legacyPhoneSha256" = "customerPhoneHash", "customerEmailHash" = NULL, "customerPhoneHash" = NULL
WHERE "customerEmailHash" IS NOT NULL OR "customerPhoneHash" IS NOT NULL;

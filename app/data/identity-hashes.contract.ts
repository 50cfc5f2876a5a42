import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { TEST_AND_DEMO_IDENTITY_HASH_KEY } from "~/config/env.server";
import { hashCustomerEmail, hashCustomerPhone, rekeyLegacyIdentity } from "./identity.server";
import { database } from "./client.server";
import { projectRoot } from "~/config/database-target.server";
import { rekeyLegacyIdentityHashes } from "./identity-hashes.server";

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** The keyed-identity migration and its re-keying step, on each provider. */
export function identityHashContract(expectedProvider: "sqlite" | "postgres") {
  describe(`keyed identity hashes on ${expectedProvider}`, () => {
    beforeEach(async () => {
      const { db } = database();
      await db.shipment.deleteMany({});
      await db.shop.deleteMany({});
    });

    it("re-keys rows hashed before keyed hashes without their plaintext, so lookups keep matching", async () => {
      const { db, provider } = database();
      expect(provider).toBe(expectedProvider);
      await db.shop.create({ data: { domain: "rekey.myshopify.com" } });
      // Rows as the old code stored them: unkeyed SHA-256 of the normalized email and of the phone's last nine digits.
      const row = await db.shipment.create({
        data: {
          shopDomain: "rekey.myshopify.com",
          orderId: "gid://shopify/Order/1",
          orderName: "#1",
          fulfillmentId: "gid://shopify/Fulfillment/1",
          trackingNumber: "1Z999AA10123456784",
          customerEmailHash: sha256("ada@example.com"),
          customerPhoneHash: sha256("135550101"),
        },
      });
      // The migration's own statement sets them aside…
      const folder = expectedProvider === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
      const migration = fs.readFileSync(path.join(projectRoot, folder, "20261206120000_keyed_identity_hashes/migration.sql"), "utf8");
      const update = migration.slice(migration.indexOf("UPDATE"));
      await db.$executeRawUnsafe(update);
      expect(await db.shipment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ customerEmailHash: null, legacyEmailSha256: sha256("ada@example.com") });

      // …and setup re-keys them: HMAC(key, old SHA-256) is what lookups compute from the plaintext.
      expect(await rekeyLegacyIdentityHashes(db, (hex) => rekeyLegacyIdentity(hex))).toBe(1);
      const rekeyed = await db.shipment.findUniqueOrThrow({ where: { id: row.id } });
      expect(rekeyed).toMatchObject({
        customerEmailHash: hashCustomerEmail("  ADA@example.com"),
        customerPhoneHash: hashCustomerPhone("+1 (613) 555-0101"),
        legacyEmailSha256: null,
        legacyPhoneSha256: null,
      });
      expect(rekeyed.customerEmailHash).not.toBe(sha256("ada@example.com"));
      expect(rekeyed.customerEmailHash).toBe(crypto.createHmac("sha256", TEST_AND_DEMO_IDENTITY_HASH_KEY).update(sha256("ada@example.com")).digest("hex"));
      expect(await rekeyLegacyIdentityHashes(db, (hex) => rekeyLegacyIdentity(hex))).toBe(0);
    });
  });
}

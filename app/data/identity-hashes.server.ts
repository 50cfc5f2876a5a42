import type { Db } from "./db.server";

/**
 * Re-keys identities the 20261206120000_keyed_identity_hashes migration set aside: each unkeyed
 * SHA-256 becomes `rekey(sha256)`, the keyed form lookups compute, and its legacy column is
 * cleared. Needs no plaintext; idempotent; runs in batches so a large table does not hold one
 * long transaction. Returns the rows re-keyed.
 */
export async function rekeyLegacyIdentityHashes(db: Db, rekey: (sha256Hex: string) => string, batchSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.shipment.findMany({
      where: { OR: [{ legacyEmailSha256: { not: null } }, { legacyPhoneSha256: { not: null } }] },
      select: { id: true, legacyEmailSha256: true, legacyPhoneSha256: true },
      take: batchSize,
    });
    if (rows.length === 0) return total;
    await db.$transaction(
      rows.map((row) =>
        db.shipment.update({
          where: { id: row.id },
          data: {
            ...(row.legacyEmailSha256 ? { customerEmailHash: rekey(row.legacyEmailSha256) } : {}),
            ...(row.legacyPhoneSha256 ? { customerPhoneHash: rekey(row.legacyPhoneSha256) } : {}),
            legacyEmailSha256: null,
            legacyPhoneSha256: null,
          },
        }),
      ),
    );
    total += rows.length;
  }
}

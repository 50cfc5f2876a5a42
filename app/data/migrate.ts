import { appEnv } from "~/config/env.server";
import { rekeyLegacyIdentity } from "./identity.server";
import { closeDatabase, database } from "./client.server";
import { rekeyLegacyIdentityHashes } from "./identity-hashes.server";
import { applyMigrations } from "./migrate.server";

// `npm run setup`'s second step: bring DATABASE_URL's database up to the checked-in migrations,
// then re-key identity hashes a migration set aside (SQL cannot compute the keyed hash).
try {
  await applyMigrations(appEnv().DATABASE_URL, (line) => console.log(line));
  const rekeyed = await rekeyLegacyIdentityHashes(database().db, (sha256Hex) => rekeyLegacyIdentity(sha256Hex));
  if (rekeyed > 0) console.log(`Re-keyed the identity hashes of ${rekeyed} shipments`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

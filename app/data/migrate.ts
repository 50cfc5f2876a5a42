import { appEnv } from "../config/env.server";
import { applyMigrations } from "./migrate.server";

// `npm run setup`'s second step: bring DATABASE_URL's database up to the checked-in migrations.
try {
  await applyMigrations(appEnv().DATABASE_URL, (line) => console.log(line));
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

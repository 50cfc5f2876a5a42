import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./app/config/database-target.server";

// Prisma CLI entry: picks the SQLite or Postgres schema + migrations from DATABASE_URL and runs
// the WASM schema engine through a driver adapter, so migrations apply without any download.
if (fs.existsSync(".env")) process.loadEnvFile(".env");

const target = databaseTarget(process.env.DATABASE_URL);
// The schema's datasource reads DATABASE_URL; give it the documented default when unset.
process.env.DATABASE_URL = target.url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.schemaPath,
  migrations: { path: target.migrationsPath },
  async adapter() {
    if (target.provider === "postgres") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: target.url });
    }
    const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
    fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
    return new PrismaLibSQL({ url: `file:${target.filePath}` });
  },
});

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root (the folder of the nearest package.json above this module), so relative
 * SQLite paths mean the same from source, from the server bundle in build/, and from any cwd.
 */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Used when DATABASE_URL is unset: a SQLite file beside the schema (documented in .env.example). */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; filePath: string; schemaPath: string; migrationsPath: string }
  | { provider: "postgres"; url: string; schemaPath: string; migrationsPath: string };

/**
 * Reads which database a URL points at. `file:` → SQLite (path relative to the project root),
 * `postgres://` / `postgresql://` → Postgres. Anything else is a configuration error.
 */
export function databaseTarget(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() ? databaseUrl.trim() : DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const filePath = path.resolve(projectRoot, url.slice("file:".length).replace(/^\/\/(?=\/)/, ""));
    return {
      provider: "sqlite",
      url,
      filePath,
      schemaPath: path.join(projectRoot, "prisma/schema.prisma"),
      migrationsPath: path.join(projectRoot, "prisma/migrations"),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      provider: "postgres",
      url,
      schemaPath: path.join(projectRoot, "prisma/postgres/schema.prisma"),
      migrationsPath: path.join(projectRoot, "prisma/postgres/migrations"),
    };
  }
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" (Postgres); got "${url.split(":")[0]}:…"`,
  );
}

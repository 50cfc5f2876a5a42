import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";

/**
 * The Postgres schema is derived from the SQLite one (the source of truth) so the two can never
 * drift: same models, only the provider and the generated client's folder differ.
 */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../app/data/generated/sqlite"', 'output       = "../../app/data/generated/postgres"');
  if (!replaced.includes('"postgresql"') || !replaced.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the datasource/generator lines this derivation expects");
  }
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schema\`. Do not edit.\n${replaced}`;
}

export const sqliteSchemaPath = path.join(projectRoot, "prisma/schema.prisma");
export const postgresSchemaPath = path.join(projectRoot, "prisma/postgres/schema.prisma");

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  fs.writeFileSync(postgresSchemaPath, postgresSchemaFrom(fs.readFileSync(sqliteSchemaPath, "utf8")));
  console.log(`wrote ${path.relative(projectRoot, postgresSchemaPath)}`);
}

import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { databaseTarget } from "./database-target";
import { PrismaSqlite } from "./sqlite-connection.server";

/**
 * The Prisma client type the repositories program against. Both providers are generated from the
 * same models (prisma/postgres is derived from prisma/schema.prisma), so their model APIs match;
 * provider-specific SQL stays inside the repositories that need it.
 */
export type Db = SqlitePrismaClient;
export type DbProvider = "sqlite" | "postgres";

export interface DbHandle {
  db: Db;
  provider: DbProvider;
}

export function createDb(databaseUrl: string | undefined): DbHandle {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "postgres") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return { db: client as unknown as Db, provider: "postgres" };
  }
  fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
  const client = new SqlitePrismaClient({ adapter: new PrismaSqlite(target.filePath) });
  return { db: client, provider: "sqlite" };
}

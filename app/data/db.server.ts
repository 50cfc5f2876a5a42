import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { databaseTarget } from "../config/database-target.server";
import { startSqliteCheckpointer } from "./sqlite-checkpointer.server";
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

export interface CreateDbOptions {
  /** SQLite: checkpoint the WAL on a background thread rather than in commits (the HTTP server). */
  backgroundCheckpoints?: boolean;
  /** SQLite: never checkpoint from this process; another one does (cluster workers). */
  externalCheckpoints?: boolean;
}

export function createDb(databaseUrl: string | undefined, options: CreateDbOptions = {}): DbHandle {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "postgres") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return { db: client as unknown as Db, provider: "postgres" };
  }
  fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
  if (options.externalCheckpoints) return { db: new SqlitePrismaClient({ adapter: new PrismaSqlite(target.filePath, { manualCheckpoints: true }) }), provider: "sqlite" };
  if (!options.backgroundCheckpoints) return { db: new SqlitePrismaClient({ adapter: new PrismaSqlite(target.filePath) }), provider: "sqlite" };
  const client = new SqlitePrismaClient({ adapter: new PrismaSqlite(target.filePath, { manualCheckpoints: true }) });
  startSqliteCheckpointer(target.filePath, {
    onError: (message) => {
      // Without checkpoints the WAL would grow forever: hand them back to SQLite's commits.
      console.error(`${message}; falling back to automatic checkpoints`);
      void client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000");
    },
  });
  return { db: client, provider: "sqlite" };
}

import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaClient as PostgresPrismaClient, type Prisma as PostgresPrisma } from "./generated/postgres/client";
import { Prisma as SqlitePrisma, PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { databaseTarget } from "~/config/database-target.server";
import { attachPostgresReader, attachSqliteReader, type RawReader } from "./raw-reads.server";
import { startSqliteCheckpointer } from "./sqlite-checkpointer.server";
import { attachSqliteAdapter, PrismaSqlite } from "./sqlite-connection.server";

/**
 * The Prisma client type the repositories program against. Both providers are generated from the
 * same models (prisma/postgres is derived from prisma/schema.prisma); provider-specific SQL stays
 * inside the repositories that need it.
 *
 * The repositories are type-checked against the SQLite client's types. That is sound for Postgres
 * because of two facts checked at compile time below (`ClientsAgree`): every argument the SQLite
 * client accepts, for every model and operation, is one the Postgres client accepts too (Postgres
 * only adds options such as `mode: "insensitive"`), and every model's row (its scalar fields and
 * their types) is the same in both. A schema change that breaks either fails the typecheck here.
 */
export type Db = SqlitePrismaClient;

type SqliteModels = SqlitePrisma.TypeMap["model"];
type PostgresModels = PostgresPrisma.TypeMap["model"];
type Operations<M> = M extends { operations: infer O } ? O : never;
type Args<O> = O extends { args: infer A } ? A : never;
type Row<M> = M extends { payload: { scalars: infer S } } ? S : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** [model, operation] pairs whose arguments in `From` the client `To` would refuse. */
export type ArgumentMismatches<From, To> = {
  [M in keyof From]: M extends keyof To
    ? {
        [O in keyof Operations<From[M]>]: O extends keyof Operations<To[M]>
          ? [Args<Operations<From[M]>[O]>] extends [Args<Operations<To[M]>[O]>]
            ? never
            : [M, O]
          : [M, O];
      }[keyof Operations<From[M]>]
    : [M, "missing"];
}[keyof From];

/** Models whose rows (scalar fields and their types) differ between `A` and `B`. */
export type RowMismatches<A, B> = {
  [M in keyof A]: M extends keyof B ? (Same<Row<A[M]>, Row<B[M]>> extends true ? never : M) : M;
}[keyof A];

export type { PostgresModels, SqliteModels };

type Mismatches = ArgumentMismatches<SqliteModels, PostgresModels> | RowMismatches<SqliteModels, PostgresModels>;
/** `true` when the SQLite-typed repositories are sound on Postgres; otherwise names what differs. */
export type ClientsAgree = [Mismatches] extends [never] ? true : { mismatches: Mismatches };
const clientsAgree: ClientsAgree = true;

/** The client-level methods the repositories call besides the model delegates. */
const CLIENT_METHODS = ["$transaction", "$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe", "$disconnect"] as const;
/** Methods every model delegate has in both generated clients. */
const DELEGATE_METHODS = ["findUnique", "findFirst", "findMany", "create", "createMany", "update", "updateMany", "upsert", "delete", "deleteMany", "count", "aggregate", "groupBy"] as const;

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  return names.every((name) => typeof Reflect.get(value, name) === "function");
}

/**
 * Whether a client (the Postgres one, or one returned by `$extends`) can serve as the shared
 * `Db`. TypeScript cannot relate two generated namespaces' generic result types to each other,
 * so the static half of this is `ClientsAgree` above (the same arguments and rows for every model
 * and operation) and the run-time half is this check: every model delegate of the schema, with
 * every operation, and the client methods the repositories call.
 */
export function isSharedDb(client: object, proof: ClientsAgree): client is Db {
  void proof;
  if (!hasMethods(client, CLIENT_METHODS)) return false;
  return Object.values(SqlitePrisma.ModelName).every((model) =>
    hasMethods(Reflect.get(client, model.charAt(0).toLowerCase() + model.slice(1)), DELEGATE_METHODS),
  );
}

/** The client as the shared `Db`, refused with a clear error when it lacks part of it. */
export function sharedDb(client: object): Db {
  if (!isSharedDb(client, clientsAgree)) throw new Error("This database client lacks models or methods of the shared Db (is it generated from another schema?)");
  return client;
}

export type DbProvider = "sqlite" | "postgres";

export interface DbHandle {
  db: Db;
  provider: DbProvider;
  /** Postgres: the connection pool behind the client (its counts are what health checks and tests read). */
  pool?: pg.Pool;
}

export interface CreateDbOptions {
  /** SQLite: checkpoint the WAL on a background thread rather than in commits (the HTTP server). */
  backgroundCheckpoints?: boolean;
  /** SQLite: never checkpoint from this process; another one does (cluster workers). */
  externalCheckpoints?: boolean;
}

type PgFactory = PrismaPg;
type PgAdapter = Awaited<ReturnType<PgFactory["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

/**
 * Prisma closes an interactive transaction by sending COMMIT or ROLLBACK through the transaction
 * and only then asks the adapter to hand its connection back to the pool. When that statement
 * fails (the backend was terminated mid-transaction: failover, restart, `pg_terminate_backend`,
 * a dropped network), the hand-back never happens: the connection stays checked out for good,
 * and closing the pool (`$disconnect`) waits for it forever. This wraps the adapter so that a
 * failed COMMIT or ROLLBACK still releases the connection (the pool drops a connection that
 * is no longer usable, and keeps a healthy one), exactly once.
 */
function releasingTransactions(factory: PgFactory): PgFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => guardTransaction(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

function guardTransaction(transaction: PgTransaction): PgTransaction {
  let released = false;
  const release = (finish: () => Promise<void>) => async () => {
    if (released) return;
    released = true;
    await finish();
  };
  const commit = release(transaction.commit.bind(transaction));
  const rollback = release(transaction.rollback.bind(transaction));
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.commit = commit;
  transaction.rollback = rollback;
  transaction.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      // Prisma will not call commit()/rollback() after its COMMIT or ROLLBACK failed.
      if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql)) await rollback();
      throw error;
    }
  };
  return transaction;
}

/** Closes the client's prepared reader (raw-reads.server.ts) with the client. */
function closingReader<T extends { $disconnect(): Promise<void> }>(client: T, reader: RawReader): T {
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    reader.close();
    await disconnect();
  };
  return client;
}

function sqliteClient(filePath: string, adapter: PrismaSqlite): SqlitePrismaClient {
  const client = new SqlitePrismaClient({ adapter });
  attachSqliteAdapter(client, adapter);
  return closingReader(client, attachSqliteReader(client, filePath));
}

export function createDb(databaseUrl: string | undefined, options: CreateDbOptions = {}): DbHandle {
  const target = databaseTarget(databaseUrl);
  if (target.provider === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url });
    // A connection whose backend went away emits 'error': on the pool while idle (the pool drops
    // it), on the client while checked out (the query in flight fails with it). Without a
    // listener at that moment Node treats it as uncaught and the process dies; the adapter only
    // listens while it holds a connection, so every connection gets a listener of its own.
    pool.on("error", () => undefined);
    pool.on("connect", (connection) => connection.on("error", () => undefined));
    const client = new PostgresPrismaClient({ adapter: releasingTransactions(new PrismaPg(pool, { disposeExternalPool: true })) });
    closingReader(client, attachPostgresReader(client, pool, pg.types));
    return { db: sharedDb(client), provider: "postgres", pool };
  }
  fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
  if (options.externalCheckpoints) return { db: sqliteClient(target.filePath, new PrismaSqlite(target.filePath, { manualCheckpoints: true })), provider: "sqlite" };
  if (!options.backgroundCheckpoints) return { db: sqliteClient(target.filePath, new PrismaSqlite(target.filePath)), provider: "sqlite" };
  const client = sqliteClient(target.filePath, new PrismaSqlite(target.filePath, { manualCheckpoints: true }));
  startSqliteCheckpointer(target.filePath, {
    onError: (message) => {
      // Without checkpoints the WAL would grow forever: hand them back to SQLite's commits.
      console.error(`${message}; falling back to automatic checkpoints`);
      void client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 1000");
    },
  });
  return { db: client, provider: "sqlite" };
}

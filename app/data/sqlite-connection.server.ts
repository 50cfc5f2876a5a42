import type { Client, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode, Value } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import Database from "libsql";

/**
 * The SQLite connection Prisma's libSQL adapter drives, in place of `@libsql/client`'s local
 * client. That client opens a brand-new connection after every transaction (it hands the open
 * one to the transaction and closes it on commit), so each transaction paid for opening the file
 * and re-parsing the schema, and it prepared every statement from scratch. The adapter already
 * serialises all use of its client (a transaction holds the adapter's lock until it ends), so
 * one connection per client is safe; statements are prepared once and reused.
 *
 * Per connection: WAL (set by the migrations, persistent), `synchronous = NORMAL` (a commit is
 * durable against a crash of the process; an OS crash or power cut can lose the last commits
 * but never corrupts the file — see the README's Decisions), foreign keys on, a 5 s busy
 * timeout for the other processes (worker, CLI) that write to the same file, and WAL
 * checkpoints left to a background thread when one is started (see sqlite-checkpointer).
 */
/** What Prisma's libSQL adapter factory connects to: the adapter Prisma's queries go through. */
type SqlDriverAdapter = Awaited<ReturnType<PrismaLibSQL["connect"]>>;

export interface SqliteConnectionOptions {
  /** Turns SQLite's automatic checkpoint on commit off; whoever sets this must checkpoint (sqlite-checkpointer). */
  manualCheckpoints?: boolean;
}

const STATEMENT_CACHE_SIZE = 500;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection["prepare"]>;

interface CachedStatement {
  statement: Statement;
  /** null for statements that return no rows (INSERT/UPDATE without RETURNING, PRAGMA setters). */
  columns: { names: string[]; types: string[] } | null;
}

function fromSql(value: unknown): Value {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(value);
  }
  if (value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) {
    const copy = new Uint8Array(value.byteLength);
    copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return copy.buffer;
  }
  throw new TypeError(`SQLite returned a value of type ${typeof value}`);
}

/** A row the adapter reads by index (no keyed copy of each column, which it never reads). */
function indexedRow(values: unknown[]): Row {
  const row: Row = { length: values.length };
  for (let index = 0; index < values.length; index += 1) row[index] = fromSql(values[index]);
  return row;
}

function toSql(value: InValue): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("Only finite numbers can be passed as arguments");
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() }),
  };
}

/** SQLite errors keep the shape the adapter maps (code, rawCode, message). */
function driverError(error: unknown): unknown {
  const candidate = error as { libsqlError?: boolean; message: string; code: string; rawCode: number };
  if (candidate?.libsqlError) return new Database.SqliteError(candidate.message, candidate.code, candidate.rawCode);
  return error;
}

export class SqliteConnection implements Client {
  closed = false;
  readonly protocol = "file";
  private readonly connection: Connection;
  private readonly statements = new Map<string, CachedStatement>();

  constructor(filePath: string, options: SqliteConnectionOptions = {}) {
    this.connection = new Database(filePath);
    // Pragma setters answer with a row, so they go through prepare rather than exec.
    const pragmas = ["busy_timeout = 5000", "synchronous = NORMAL", "foreign_keys = ON", ...(options.manualCheckpoints ? ["wal_autocheckpoint = 0"] : [])];
    for (const pragma of pragmas) this.connection.prepare(`PRAGMA ${pragma}`).all();
  }

  private prepared(sql: string): CachedStatement {
    const cached = this.statements.get(sql);
    if (cached) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.connection.prepare(sql);
    statement.safeIntegers(true);
    let columns: CachedStatement["columns"] = null;
    if (statement.reader) {
      statement.raw(true);
      const described = statement.columns() as { name: string; type: string | null }[];
      columns = { names: described.map((column) => column.name), types: described.map((column) => column.type ?? "") };
    }
    const entry = { statement, columns };
    this.statements.set(sql, entry);
    if (this.statements.size > STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
    return entry;
  }

  run(input: InStatement): ResultSet {
    if (this.closed) throw new Error("The SQLite connection is closed");
    const sql = typeof input === "string" ? input : input.sql;
    const rawArgs = typeof input === "string" ? [] : (input.args ?? []);
    const args = Array.isArray(rawArgs)
      ? rawArgs.map(toSql)
      : Object.fromEntries(Object.entries(rawArgs).map(([name, value]) => [/^[@$:]/.test(name) ? name.slice(1) : name, toSql(value)]));
    try {
      const { statement, columns } = this.prepared(sql);
      if (columns) {
        const rows = (statement.all(args) as unknown[][]).map(indexedRow);
        return resultSet(columns.names, columns.types, rows, 0, undefined);
      }
      const info = statement.run(args) as { changes: number; lastInsertRowid: number | bigint };
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw driverError(error);
    }
  }

  async execute(input: InStatement): Promise<ResultSet> {
    return this.run(input);
  }

  async batch(statements: InStatement[], mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    const transaction = await this.transaction(mode);
    try {
      const results = await transaction.batch(statements);
      await transaction.commit();
      return results;
    } finally {
      transaction.close();
    }
  }

  /**
   * A transaction on this same connection. Safe because the adapter holds its lock for the whole
   * transaction, so nothing else runs on the connection until commit or rollback.
   *
   * Prisma's adapter asks for "deferred", but its transactions read and then write: a deferred
   * one whose snapshot another connection (worker, CLI, another web process) has written past
   * fails its first write as busy at once, without the busy timeout. So it starts IMMEDIATE:
   * the write lock is taken (waiting up to the busy timeout) before the first read.
   */
  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    this.run(mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN IMMEDIATE");
    return new SqliteTransaction(this);
  }

  async executeMultiple(sql: string): Promise<void> {
    try {
      this.connection.exec(sql);
    } catch (error) {
      throw driverError(error);
    } finally {
      if (this.connection.inTransaction && !this.transactionOpen) this.connection.exec("ROLLBACK");
    }
  }

  /** Set while a SqliteTransaction is open, so executeMultiple does not roll it back. */
  transactionOpen = false;

  get inTransaction(): boolean {
    return this.connection.inTransaction;
  }

  async sync(): Promise<void> {
    // Only meaningful for embedded replicas; a local file has nothing to sync.
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.connection.close();
  }
}

/**
 * One transaction on the shared connection. The handle ends with its own transaction: once it
 * committed, rolled back or failed to commit, it never acts on the connection again, so a late
 * cleanup (a timed-out transaction's rollback) cannot end the next transaction on the connection.
 * A COMMIT SQLite refuses (busy, a deferred constraint) leaves SQLite's transaction open: it is
 * rolled back at once, so later statements on the connection do not join it and vanish with it.
 */
class SqliteTransaction implements Transaction {
  private finished = false;

  constructor(private readonly connection: SqliteConnection) {
    connection.transactionOpen = true;
  }

  get closed(): boolean {
    return this.finished || !this.connection.inTransaction;
  }

  async execute(input: InStatement): Promise<ResultSet> {
    if (this.closed) throw new Error("The transaction is closed");
    return this.connection.run(input);
  }

  async batch(statements: InStatement[]): Promise<ResultSet[]> {
    return Promise.all(statements.map((statement) => this.execute(statement)));
  }

  async executeMultiple(sql: string): Promise<void> {
    if (this.closed) throw new Error("The transaction is closed");
    await this.connection.executeMultiple(sql);
  }

  async commit(): Promise<void> {
    if (this.closed) throw new Error("The transaction is closed");
    this.finish(() => this.connection.run("COMMIT"));
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    if (this.finished) return;
    this.finish(() => {
      if (this.connection.inTransaction) this.connection.run("ROLLBACK");
    });
  }

  private finish(end: () => void): void {
    this.finished = true;
    this.connection.transactionOpen = false;
    try {
      end();
    } finally {
      if (this.connection.inTransaction) this.connection.run("ROLLBACK");
    }
  }
}

/** Prisma's libSQL adapter over one reused SqliteConnection per client. */
export class PrismaSqlite extends PrismaLibSQL {
  constructor(
    private readonly filePath: string,
    private readonly connectionOptions: SqliteConnectionOptions = {},
  ) {
    super({ url: `file:${filePath}` });
  }

  private opened: SqliteConnection | null = null;
  /** The adapter Prisma drives (its lock orders every use of the connection), once connected. */
  private driver: SqlDriverAdapter | null = null;

  override async connect(): Promise<SqlDriverAdapter> {
    const driver = await super.connect();
    this.driver = driver;
    return driver;
  }

  /** See beginSqliteWrite. */
  async beginWrite(): Promise<SqliteWrite | null> {
    const driver = this.driver;
    if (!driver || !this.connection) return null;
    // Takes the adapter's lock, as Prisma's own transactions do, and runs BEGIN IMMEDIATE.
    const transaction = await driver.startTransaction();
    return { commit: () => transaction.commit(), rollback: () => transaction.rollback() };
  }

  override createClient(config: { url: string }): Client {
    // The shadow database (migrate diff) asks for ":memory:".
    if (config.url === ":memory:") return new SqliteConnection(":memory:", this.connectionOptions);
    this.opened = new SqliteConnection(this.filePath, this.connectionOptions);
    return this.opened;
  }

  /** The file's connection while Prisma has it open. */
  get connection(): SqliteConnection | null {
    return this.opened && !this.opened.closed ? this.opened : null;
  }
}

const adapters = new WeakMap<object, PrismaSqlite>();

/** Remembers which adapter a client made by createDb (db.server.ts) drives. */
export function attachSqliteAdapter(client: object, adapter: PrismaSqlite): void {
  adapters.set(client, adapter);
}

/** A write transaction begun by beginSqliteWrite; exactly one of its methods is called, once. */
export interface SqliteWrite {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Begins a write transaction on the client's connection without Prisma's interactive
 * transaction (its begin and commit cost more than a short transaction's statements). The
 * adapter's lock is held until commit or rollback, exactly as for Prisma's own transactions, so
 * no Prisma query runs on the connection meanwhile, and statements run with
 * sqliteTransactionConnection are part of it. Only plain SQL may run in it: a Prisma query would
 * wait for the lock this transaction holds. Null when the client is not a SQLite client from
 * createDb or has not connected yet (Prisma connects on its first query).
 */
export function beginSqliteWrite(client: object): Promise<SqliteWrite | null> {
  return adapters.get(client)?.beginWrite() ?? Promise.resolve(null);
}

/**
 * The connection under one of the client's interactive transactions, for prepared statements
 * that must be part of it (the sync's batched writes): call it only inside the client's
 * `$transaction` callback. There the adapter's lock is held by that transaction, so a statement
 * run on the connection runs in it and nothing else can interleave. Null when the client is not
 * a SQLite client from createDb or no transaction is open.
 */
export function sqliteTransactionConnection(client: object): Pick<SqliteConnection, "run"> | null {
  const connection = adapters.get(client)?.connection;
  return connection?.transactionOpen && connection.inTransaction ? connection : null;
}

import Database from "libsql";
import type pg from "pg";

/**
 * Prepared SQL reads for the hottest paths (the storefront lookup), beside Prisma rather than
 * through it: the ORM's query compiler and result mapping cost more CPU than the statements
 * themselves. Only repositories in app/data use this, with SQL both databases accept (quoted
 * identifiers, `?` placeholders, no dialect functions); writes stay with Prisma.
 *
 * SQLite: a second connection to the same file, opened on first use, with every statement
 * prepared once. It only reads, so it never waits on the Prisma connection's transactions
 * (WAL readers see the last commit) and never holds a lock a writer waits for.
 * Postgres: the client's own pool, each statement prepared once per connection.
 *
 * Values come back as each driver gives them; read them with `dateOf`, `boolOf` and `intOf`,
 * which accept every form (SQLite's ISO text and 0/1, Postgres's Date and booleans).
 */
export type SqlValue = string | number | boolean | Date | null;
export type SqlRow = Record<string, unknown>;

/** Rows of named columns in a given order (see RawReader.allOrdered). */
export interface OrderedRead {
  /** Column names (each read as `"name"`): the keys of every row returned. */
  columns: readonly string[];
  /** `FROM … WHERE …`, with `?` placeholders for `args`. */
  from: string;
  /** The ORDER BY terms: `"occurredAt" ASC, "id" ASC`. */
  orderBy: string;
  args: readonly SqlValue[];
}

export interface RawReader {
  all(sql: string, args: readonly SqlValue[]): Promise<SqlRow[]>;
  /** The first row `all` would give (undefined when none), for reads of one row by a key. */
  first(sql: string, args: readonly SqlValue[]): Promise<SqlRow | undefined>;
  /**
   * The rows `SELECT columns from ORDER BY orderBy` gives, with the same values. On SQLite they
   * travel as one JSON text (libsql turns each value of a row into a JavaScript value one call at
   * a time, which costs more than the query itself on a parcel's events); columns must hold
   * text, numbers or nulls, never blobs.
   */
  allOrdered(read: OrderedRead): Promise<SqlRow[]>;
  /**
   * Several ordered reads at once, each answered as `allOrdered` would. On SQLite they run as one
   * statement (one subquery each, one snapshot): a statement's fixed cost outweighs a parcel's
   * rows. On Postgres they go to the pool side by side.
   */
  allOrderedSets(reads: readonly OrderedRead[]): Promise<SqlRow[][]>;
  close(): void;
}

const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(", ");

const STATEMENT_CACHE_SIZE = 200;

/** Keeps a prepared statement, dropping the oldest past STATEMENT_CACHE_SIZE. */
function cacheBounded<T>(cache: Map<string, T>, sql: string, entry: T): void {
  cache.set(sql, entry);
  if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/** Arguments as libsql binds them: dates as Prisma stores them, booleans as 0/1. */
function sqliteArgs(args: readonly SqlValue[]): (string | number | null)[] {
  return args.map((value) => (value instanceof Date ? sqliteDateText(value) : typeof value === "boolean" ? (value ? 1 : 0) : value));
}

/**
 * Dates as Prisma stores them in SQLite (ISO text with `+00:00`): equality and order on the
 * stored text then agree with Prisma's filters.
 */
export function sqliteDateText(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

type LibsqlStatement = ReturnType<InstanceType<typeof Database>["prepare"]>;

class SqliteReader implements RawReader {
  private connection: InstanceType<typeof Database> | null = null;
  private readonly statements = new Map<string, LibsqlStatement>();
  /** Statements that answer rows as arrays (libsql's raw mode), with their column names. */
  private readonly rawStatements = new Map<string, { statement: LibsqlStatement; columns: string[] }>();
  private closed = false;

  constructor(private readonly filePath: string) {}

  private open(): InstanceType<typeof Database> {
    if (this.closed) throw new Error("The SQLite reader is closed");
    if (!this.connection) {
      this.connection = new Database(this.filePath);
      this.connection.prepare("PRAGMA busy_timeout = 5000").all();
    }
    return this.connection;
  }

  private prepared(sql: string): LibsqlStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.open().prepare(sql);
    cacheBounded(this.statements, sql, statement);
    return statement;
  }

  private preparedRaw(sql: string): { statement: LibsqlStatement; columns: string[] } {
    const cached = this.rawStatements.get(sql);
    if (cached) return cached;
    const statement = this.open().prepare(sql);
    statement.raw(true);
    const entry = { statement, columns: (statement.columns() as { name: string }[]).map((column) => column.name) };
    cacheBounded(this.rawStatements, sql, entry);
    return entry;
  }

  async all(sql: string, args: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.prepared(sql).all(sqliteArgs(args)) as SqlRow[];
  }

  async first(sql: string, args: readonly SqlValue[]): Promise<SqlRow | undefined> {
    // One row as an array, named here: libsql builds each row object of all() one property at a
    // time through its native bridge, which costs more than the read on a row of a dozen columns.
    const { statement, columns } = this.preparedRaw(sql);
    const values = statement.get(sqliteArgs(args)) as unknown[] | undefined;
    if (!values) return undefined;
    const row: SqlRow = {};
    for (let column = 0; column < columns.length; column++) row[columns[column]!] = values[column];
    return row;
  }

  async allOrdered(read: OrderedRead): Promise<SqlRow[]> {
    const [rows = []] = await this.allOrderedSets([read]);
    return rows;
  }

  async allOrderedSets(reads: readonly OrderedRead[]): Promise<SqlRow[][]> {
    // group_concat, not json_group_array: SQLite drops the JSON subtype of values an aggregate
    // orders, so json_group_array(… ORDER BY …) would hold each row as a string.
    const selects = reads.map(
      (read, index) => `(SELECT '[' || COALESCE(group_concat(json_array(${quoted(read.columns)}), ',' ORDER BY ${read.orderBy}), '') || ']' ${read.from}) AS "r${index}"`,
    );
    const result = await this.first(`SELECT ${selects.join(", ")}`, reads.flatMap((read) => read.args));
    return reads.map((read, index) => {
      const rows = JSON.parse(String(result?.[`r${index}`] ?? "[]")) as unknown[][];
      const columns = read.columns;
      return rows.map((values) => {
        const row: SqlRow = {};
        for (let column = 0; column < columns.length; column++) row[columns[column]!] = values[column];
        return row;
      });
    });
  }

  close(): void {
    this.closed = true;
    this.statements.clear();
    this.rawStatements.clear();
    this.connection?.close();
    this.connection = null;
  }
}

/** `timestamp(3)` (no zone) holds UTC instants: read as UTC whatever the process's zone. */
const TIMESTAMP_WITHOUT_ZONE = 1114;

class PostgresReader implements RawReader {
  private readonly names = new Map<string, { text: string; name: string }>();
  private readonly types: pg.CustomTypesConfig;

  constructor(
    private readonly pool: pg.Pool,
    pgTypes: typeof pg.types,
  ) {
    this.types = {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_WITHOUT_ZONE && format !== "binary"
          ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
          : pgTypes.getTypeParser(oid, format ?? "text")) as pg.CustomTypesConfig["getTypeParser"],
    };
  }

  private statement(sql: string): { text: string; name: string } {
    let entry = this.names.get(sql);
    if (!entry) {
      let index = 0;
      entry = { text: sql.replace(/\?/g, () => `$${++index}`), name: `trackline_read_${this.names.size + 1}` };
      this.names.set(sql, entry);
    }
    return entry;
  }

  async all(sql: string, args: readonly SqlValue[]): Promise<SqlRow[]> {
    const { text, name } = this.statement(sql);
    // Instants go as UTC text without a zone, as the columns hold them.
    const values = args.map((value) => (value instanceof Date ? value.toISOString().slice(0, -1) : value));
    const result = await this.pool.query({ name, text, values, types: this.types });
    return result.rows as SqlRow[];
  }

  async first(sql: string, args: readonly SqlValue[]): Promise<SqlRow | undefined> {
    const [row] = await this.all(sql, args);
    return row;
  }

  allOrdered(read: OrderedRead): Promise<SqlRow[]> {
    return this.all(`SELECT ${quoted(read.columns)} ${read.from} ORDER BY ${read.orderBy}`, read.args);
  }

  allOrderedSets(reads: readonly OrderedRead[]): Promise<SqlRow[][]> {
    return Promise.all(reads.map((read) => this.allOrdered(read)));
  }

  close(): void {
    // The pool belongs to the Prisma adapter, which ends it on $disconnect.
  }
}

const readers = new WeakMap<object, RawReader>();

/** Attaches a reader to a client made by createDb (db.server.ts). */
export function attachSqliteReader(client: object, filePath: string): RawReader {
  const reader = new SqliteReader(filePath);
  readers.set(client, reader);
  return reader;
}

export function attachPostgresReader(client: object, pool: pg.Pool, pgTypes: typeof pg.types): RawReader {
  const reader = new PostgresReader(pool, pgTypes);
  readers.set(client, reader);
  return reader;
}

/** The reader of a client made by createDb; anything else (a transaction's client) has none. */
export function rawReaderOf(client: object): RawReader {
  const reader = readers.get(client);
  if (!reader) throw new Error("This database client has no prepared reader: pass the client createDb returned, not a transaction's");
  return reader;
}

/** Lists as short as a lookup's (a few spellings, an order's parcels) are made once. */
const KEPT_PLACEHOLDER_LISTS = 64;
const placeholderLists: string[] = [];

/** `?, ?, ?` for an IN list of `count` values (at least one). */
export function placeholders(count: number): string {
  const size = Math.max(1, count);
  const kept = placeholderLists[size];
  if (kept) return kept;
  const list = Array.from({ length: size }, () => "?").join(", ");
  if (size <= KEPT_PLACEHOLDER_LISTS) placeholderLists[size] = list;
  return list;
}

export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(value as string | number);
}

export function requiredDateOf(value: unknown): Date {
  const date = dateOf(value);
  if (!date) throw new Error("A required instant was null");
  return date;
}

export function boolOf(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "t";
}

export function intOf(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

export function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

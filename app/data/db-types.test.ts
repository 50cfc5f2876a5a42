import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, expectTypeOf, it } from "vitest";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { database } from "./client.server";
import { isSharedDb, sharedDb, type ArgumentMismatches, type ClientsAgree, type PostgresModels, type RowMismatches, type SqliteModels } from "./db.server";

/**
 * Type-level facts (checked by `tsc`, which `npm test` runs) behind programming both databases
 * against one client type: see `Db` in db.server.ts.
 */
describe("one client type for SQLite and Postgres", () => {
  it("holds: every SQLite argument is a Postgres argument and every row is the same", () => {
    expectTypeOf<ClientsAgree>().toEqualTypeOf<true>();
    expectTypeOf<ArgumentMismatches<SqliteModels, PostgresModels>>().toBeNever();
    expectTypeOf<RowMismatches<SqliteModels, PostgresModels>>().toBeNever();
    const agree: ClientsAgree = true;
    expect(agree).toBe(true);
  });

  it("would name what differs: Postgres-only options are not SQLite arguments", () => {
    // The check is not vacuous: the other way round, Postgres-only filter options such as
    // `mode: "insensitive"` make its arguments wider than SQLite's.
    const wider: Array<ArgumentMismatches<PostgresModels, SqliteModels>> = [
      ["Shipment", "findMany"],
      ["Shop", "findFirst"],
    ];
    expect(wider).toHaveLength(2);
    type Broken = { Shipment: { payload: { scalars: { id: number } }; operations: object } };
    expectTypeOf<RowMismatches<Broken, PostgresModels>>().toEqualTypeOf<"Shipment">();
  });
});

describe("the run-time half: a client is used as the shared Db only when it has all of it", () => {
  const agree: ClientsAgree = true;

  it("accepts both generated clients and an extended one, all models and methods present", async () => {
    const { db } = database();
    expect(isSharedDb(db, agree)).toBe(true);
    expect(isSharedDb(db.$extends({}), agree)).toBe(true);
    // Constructing the Postgres client connects nothing; its delegates exist at once.
    const postgres = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: "postgres://127.0.0.1:9/none" }) });
    expect(sharedDb(postgres)).toBe(postgres);
  });

  it("refuses a client missing a model, a model missing an operation, or one without transactions", () => {
    const { db } = database();
    const models = Object.fromEntries(["session", "shop", "shipment"].map((name) => [name, Reflect.get(db, name)]));
    expect(isSharedDb({ ...models, $transaction: () => undefined }, agree)).toBe(false);
    const withoutGroupBy = new Proxy(db, {
      get: (target, key) => (key === "shipment" ? { ...Object.fromEntries(["findMany", "count"].map((name) => [name, () => undefined])) } : Reflect.get(target, key)),
    });
    expect(isSharedDb(withoutGroupBy, agree)).toBe(false);
    const withoutTransactions = new Proxy(db, { get: (target, key) => (key === "$transaction" ? undefined : Reflect.get(target, key)) });
    expect(() => sharedDb(withoutTransactions)).toThrow("lacks models or methods of the shared Db");
    expect(sharedDb(db)).toBe(db);
  });
});

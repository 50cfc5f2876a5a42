import { describe, expect, expectTypeOf, it } from "vitest";
import type { ArgumentMismatches, ClientsAgree, PostgresModels, RowMismatches, SqliteModels } from "./db.server";

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

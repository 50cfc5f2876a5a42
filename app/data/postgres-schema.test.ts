import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom, postgresSchemaPath, sqliteSchemaPath } from "./postgres-schema";

describe("Postgres schema", () => {
  it("is exactly what `npm run db:schema` derives from the SQLite schema", () => {
    const derived = postgresSchemaFrom(fs.readFileSync(sqliteSchemaPath, "utf8"));
    expect(fs.readFileSync(postgresSchemaPath, "utf8")).toBe(derived);
  });

  it("only changes the provider and the client output", () => {
    const sqlite = fs.readFileSync(sqliteSchemaPath, "utf8");
    const derived = postgresSchemaFrom(sqlite);
    const models = (text: string) => text.slice(text.indexOf("model "));
    expect(models(derived)).toBe(models(sqlite));
    expect(derived).toContain('provider = "postgresql"');
  });
});

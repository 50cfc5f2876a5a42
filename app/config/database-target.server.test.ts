import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTarget, projectRoot } from "./database-target.server";

describe("databaseTarget", () => {
  it("resolves relative SQLite files against the project root", () => {
    const target = databaseTarget("file:./prisma/dev.sqlite");
    expect(target.provider).toBe("sqlite");
    expect(target.provider === "sqlite" && target.filePath).toBe(path.join(projectRoot, "prisma/dev.sqlite"));
    expect(target.migrationsPath).toBe(path.join(projectRoot, "prisma/migrations"));
  });

  it("keeps absolute SQLite paths", () => {
    const target = databaseTarget("file:/var/lib/trackline/db.sqlite");
    expect(target.provider === "sqlite" && target.filePath).toBe("/var/lib/trackline/db.sqlite");
  });

  it("routes postgres URLs to the Postgres schema and migrations", () => {
    for (const url of ["postgres://u@h/db", "postgresql://u@h:5432/db"]) {
      const target = databaseTarget(url);
      expect(target.provider).toBe("postgres");
      expect(target.schemaPath).toBe(path.join(projectRoot, "prisma/postgres/schema.prisma"));
    }
  });

  it("rejects other databases with a clear message", () => {
    expect(() => databaseTarget("mysql://u@h/db")).toThrow(/DATABASE_URL must start with "file:"/);
  });
});

import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

// Runs after setup.ts: points this test file at its own Postgres database, cloned from the
// migrated template (CREATE DATABASE … TEMPLATE is a file copy, far faster than migrating).
const templateUrl = new URL(inject("postgresTemplateUrl"));
const name = `t_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
const admin = new pg.Client({ connectionString: new URL("/postgres", templateUrl).toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE trackline_template`);
process.env.DATABASE_URL = new URL(`/${name}`, templateUrl).toString();

afterAll(async () => {
  const { closeDatabase } = await import("~/data/client.server");
  await closeDatabase();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

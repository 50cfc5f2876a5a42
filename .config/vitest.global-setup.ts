import { ensureSqliteTemplate } from "../app/testing/test-database.server";

// Runs once per test run: migrate a template SQLite database that each test file copies.
export default function setup() {
  ensureSqliteTemplate();
}

import { afterAll, afterEach, beforeEach, expect, vi } from "vitest";
import { copySqliteTemplate } from "./test-database.server";

// Each test file gets its own migrated SQLite database (a copy of the run's template).
const database = copySqliteTemplate();
process.env.DATABASE_URL = database.url;
afterAll(async () => {
  const { closeDatabase } = await import("~/data/client.server");
  await closeDatabase();
  database.remove();
});

/**
 * Every test fails on an unexpected console.error: errors that are part of the behaviour under
 * test must be asserted with `expectConsoleError()` instead of leaking to the output.
 */
let unexpected: unknown[][] = [];
let allowed = 0;

beforeEach(() => {
  unexpected = [];
  allowed = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (allowed > 0) {
      allowed -= 1;
      return;
    }
    unexpected.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  const seen = unexpected;
  unexpected = [];
  if (seen.length > 0) {
    expect.fail(`unexpected console.error:\n${seen.map((args) => args.map(String).join(" ")).join("\n")}`);
  }
});

/** Declares that the code under test will log `count` errors on purpose. */
export function expectConsoleError(count = 1): void {
  allowed += count;
}

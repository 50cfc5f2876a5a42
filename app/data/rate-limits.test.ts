import { describe, expect, it } from "vitest";
import { database } from "./client.server";
import { sharedDb } from "./db.server";
import { takeRateLimitToken } from "./rate-limits.server";

describe("shared rate-limit windows on sqlite", () => {
  it("counts one window whether a token is taken by the prepared statement or through the ORM", async () => {
    const { db, provider } = database();
    expect(provider).toBe("sqlite");
    // An extended client has no connection of its own to hand out: it takes tokens through the ORM.
    const orm = sharedDb(db.$extends({}));
    const windows = [{ requests: 3, perMs: 10_000 }, { requests: 100, perMs: 60_000 }];
    const at = Date.parse("2026-11-20T12:00:04.500Z");
    expect(await takeRateLimitToken(db, "fedex:app", windows, at)).toEqual({ allowed: true, retryAt: null });
    expect(await takeRateLimitToken(orm, "fedex:app", windows, at + 1000)).toEqual({ allowed: true, retryAt: null });
    expect(await takeRateLimitToken(db, "fedex:app", windows, at + 2000)).toEqual({ allowed: true, retryAt: null });
    // The fourth in the 10 s window is refused and consumes nothing, in either window.
    expect(await takeRateLimitToken(orm, "fedex:app", windows, at + 3000)).toEqual({ allowed: false, retryAt: Date.parse("2026-11-20T12:00:10.000Z") });
    expect(await takeRateLimitToken(db, "fedex:app", windows, at + 4000)).toEqual({ allowed: false, retryAt: Date.parse("2026-11-20T12:00:10.000Z") });
    const rows = await db.rateLimitWindow.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((row) => [row.key, row.windowStart.toISOString(), row.count])).toEqual([
      ["fedex:app:10000", "2026-11-20T12:00:00.000Z", 3],
      ["fedex:app:60000", "2026-11-20T12:00:00.000Z", 3],
    ]);
    // The next window starts afresh.
    expect(await takeRateLimitToken(db, "fedex:app", windows, at + 6000)).toEqual({ allowed: true, retryAt: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./db.server";
import { addFailure, countFailuresOf } from "./lookups.server";
import { copySqliteTemplate } from "~/testing/test-database.server";

describe("countFailuresOf", () => {
  let db: Db;
  let database: ReturnType<typeof copySqliteTemplate>;
  beforeAll(() => {
    database = copySqliteTemplate();
    db = createDb(database.url).db;
  });
  afterAll(async () => {
    await db.$disconnect();
    database.remove();
  });

  it("counts each key of one window apart, in the order asked, 0 for none", async () => {
    const window = new Date("2026-03-01T10:00:00Z");
    const earlier = new Date("2026-03-01T09:50:00Z");
    for (let index = 0; index < 3; index++) await addFailure(db, "ip:a", window);
    await addFailure(db, "shop:s", window);
    await addFailure(db, "ip:b", earlier);
    expect(await countFailuresOf(db, ["ip:a", "shop:s"], window)).toEqual([3, 1]);
    expect(await countFailuresOf(db, ["shop:s", "ip:a"], window)).toEqual([1, 3]);
    expect(await countFailuresOf(db, ["ip:b", "ip:a"], window)).toEqual([0, 3]);
    expect(await countFailuresOf(db, ["ip:b"], earlier)).toEqual([1]);
  });
});

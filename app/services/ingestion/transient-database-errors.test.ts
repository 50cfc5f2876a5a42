import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "./webhook-inbox.server";

/** Prisma's wording: its own first line, the driver's words below it. */
function prismaError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

describe("isTransientDatabaseError", () => {
  it("sees SQLite's busy answer below the first line of a Prisma raw-query error (a retry cures it; it is not the delivery's fault)", () => {
    const locked = prismaError("P2010", "\nInvalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `5`. Message: `database is locked`");
    expect(isTransientDatabaseError(locked)).toBe(true);
    expect(isTransientDatabaseError(prismaError("P2010", "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `6`. Message: `database table is locked`"))).toBe(true);
  });

  it("keeps a delivery's own failures permanent", () => {
    expect(isTransientDatabaseError(prismaError("P2010", "\nInvalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `19`. Message: `CHECK constraint failed`"))).toBe(false);
    expect(isTransientDatabaseError(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"))).toBe(false);
  });
});

describe("isTransientDatabaseError on a snippet quoting the delivery", () => {
  it("does not read words of the delivery's data as a transient cause", () => {
    const quoted = prismaError("P2009", "\nInvalid `prisma.webhookReceipt.create()` invocation:\n\n{\n  data: { note: \"connection timed out, database is locked\" }\n}\n\nArgument `topic` is missing.");
    expect(isTransientDatabaseError(quoted)).toBe(false);
  });
});

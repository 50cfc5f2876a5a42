import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The house rules of .config/eslint.config.js, each shown firing on a wrong-way snippet placed at
 * a path of app/ (the files need not exist) and staying quiet on the right way round.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: ".config/eslint.config.js" });
});

const IMPORT_STYLE = "no-relative-import-paths/no-relative-import-paths";

/**
 * The [rule id, message] pairs ESLint reports for `code` placed at `filePath`. The snippets climb
 * folders with `../` on purpose (the boundaries must hold for either way of writing an import), so
 * the import-style rule is left out here and shown on its own below.
 */
async function problems(filePath: string, code: string, options: { importStyle?: boolean } = {}): Promise<Array<[string | null, string]>> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => options.importStyle || m.ruleId !== IMPORT_STYLE).map((m) => [m.ruleId, m.message]);
}

/** A client's shape, declared in the snippets that call one. */
const Db = "type Db = { $queryRawUnsafe(sql: string): unknown; $transaction(run: () => Promise<number>): unknown; shipment: { findMany(args: object): unknown } };\n";

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const SYNTAX = "no-restricted-syntax";

/** One reported problem: this rule, with a message containing `text`. */
async function expectOnly(filePath: string, code: string, rule: string, text: string): Promise<void> {
  const found = await problems(filePath, code);
  expect(found).toHaveLength(1);
  expect(found[0]?.[0]).toBe(rule);
  expect(found[0]?.[1]).toContain(text);
}

async function expectClean(filePath: string, code: string): Promise<void> {
  expect(await problems(filePath, code)).toEqual([]);
}

describe("layers: domain ← carriers ← data ← shopify ← services ← routes/workers/cli/server", () => {
  it("keeps the domain free of every other folder", async () => {
    await expectOnly("app/domain/x.ts", 'import { a } from "../carriers/registry";\nexport const b = a;\n', IMPORTS, "app/domain may not import from app/carriers");
    await expectOnly("app/domain/eta/x.ts", 'import { a } from "~/config/env.server";\nexport const b = a;\n', IMPORTS, "app/domain may not import from app/config");
    await expectClean("app/domain/eta/x.ts", 'import { a } from "../status";\nexport const b = a;\n');
  });

  it("keeps carriers below data", async () => {
    await expectOnly("app/carriers/ups/x.ts", 'import { a } from "../../data/shipments.server";\nexport const b = a;\n', IMPORTS, "app/carriers may not import from app/data");
    await expectClean("app/carriers/ups/x.ts", 'import { a } from "../../domain/status";\nimport { c } from "../simulator-free/server";\nexport const b = [a, c];\n');
  });

  it("keeps config below data", async () => {
    await expectOnly("app/config/x.ts", 'import { a } from "../data/client.server";\nexport const b = a;\n', IMPORTS, "app/config may not import from app/data");
    // Of the carriers, config reads only the variables their folders declare.
    await expectClean("app/config/x.ts", 'import { a } from "~/carriers/environment";\nexport const b = a;\n');
    await expectOnly("app/config/x.ts", 'import { a } from "~/carriers/registry";\nexport const b = a;\n', IMPORTS, "app/config may not import from app/carriers");
    await expectOnly("app/config/x.ts", 'import { a } from "~/carriers/environment-extra";\nexport const b = a;\n', IMPORTS, "app/config may not import from app/carriers");
  });

  it("keeps data below services", async () => {
    await expectOnly("app/data/x.server.ts", 'import { a } from "../services/sync/sync-now.server";\nexport const b = a;\n', IMPORTS, "app/data may not import from app/services");
    await expectClean("app/data/x.server.ts", 'import { a } from "../config/env.server";\nimport { c } from "../domain/status";\nexport const b = [a, c];\n');
  });

  it("keeps shopify below services", async () => {
    await expectOnly("app/shopify/x.server.ts", 'import { a } from "../services/sync/sync-now.server";\nexport const b = a;\n', IMPORTS, "app/shopify may not import from app/services");
  });

  it("keeps services below routes, workers and the CLI", async () => {
    await expectOnly("app/services/sync/x.server.ts", 'import { a } from "~/routes/healthz";\nexport const b = a;\n', IMPORTS, "app/services may not import from app/routes");
    await expectOnly("app/services/sync/x.server.ts", 'import { a } from "../../workers/sync-loop.server";\nexport const b = a;\n', IMPORTS, "app/services may not import from app/workers");
    await expectClean("app/routes/x.tsx", 'import { a } from "../services/sync/sync-now.server";\nexport const b = a;\n');
  });

  it("keeps workers from routes and the CLI from the server", async () => {
    await expectOnly("app/workers/x.server.ts", 'import { a } from "../routes/healthz";\nexport const b = a;\n', IMPORTS, "app/workers may not import from app/routes");
    await expectOnly("app/cli/commands/x.ts", 'import { a } from "../../server/http-app";\nexport const b = a;\n', IMPORTS, "app/cli may not import from app/server");
  });

  it("lets components import no routes, only types from server modules, and client-safe service modules", async () => {
    await expectOnly("app/components/X.tsx", 'import { a } from "../routes/app.settings";\nexport const b = a;\n', IMPORTS, "app/components may not import from app/routes");
    await expectOnly("app/components/X.tsx", 'import { a } from "../services/settings/settings.server";\nexport const b = a;\n', IMPORTS, "app/components may import only types from server modules of app/services");
    await expectClean("app/components/X.tsx", 'import { a } from "../services/settings/settings-form";\nexport const b = a;\n');
    await expectClean("app/components/X.tsx", 'import type { A } from "../services/settings/settings.server";\nexport const b: A | null = null;\n');
  });
});

describe("test-only code", () => {
  it("is never imported by production code", async () => {
    const wrong: Array<[string, string]> = [
      ["app/services/sync/x.server.ts", "../../testing/fake-twilio"],
      ["app/services/sync/x.server.ts", "~/bench/kit"],
      ["app/services/sync/x.server.ts", "./testing.fixture"],
      ["app/carriers/ups/x.ts", "../fedex/parse.test"],
      ["app/data/x.server.ts", "./shipments.contract"],
      ["app/routes/x.tsx", "./__fixtures__/admin-requests"],
    ];
    for (const [file, source] of wrong) {
      await expectOnly(file, `import { a } from "${source}";\nexport const b = a;\n`, IMPORTS, "production code never imports test-only code");
    }
  });

  it("may import anything in tests and benchmarks", async () => {
    const code = 'import { a } from "../../routes/healthz";\nimport { c } from "../../testing/fake-twilio";\nimport { d } from "@prisma/client";\nexport const b = [a, c, d];\n';
    await expectClean("app/services/sync/x.test.ts", code);
    await expectClean("app/bench/x.ts", code);
    await expectClean("app/testing/x.ts", code);
  });
});

describe("the database", () => {
  it("has its clients and drivers imported only by app/data", async () => {
    for (const source of ["@prisma/client", "pg", "@libsql/client", "../../data/generated/sqlite-client"]) {
      await expectOnly("app/services/sync/x.server.ts", `import { a } from "${source}";\nexport const b = a;\n`, IMPORTS, "only app/data imports the Prisma clients");
    }
    await expectClean("app/data/x.server.ts", 'import { a } from "@prisma/client";\nimport { c } from "./generated/sqlite-client";\nexport const b = [a, c];\n');
  });

  it("is queried only by app/data: raw SQL, transactions and db.<model> calls", async () => {
    await expectOnly("app/routes/x.tsx", Db + 'declare const db: Db;\nexport const b = () => db.$queryRawUnsafe("SELECT 1");\n', SYNTAX, "only app/data runs SQL");
    await expectOnly("app/services/x.server.ts", Db + "declare const db: Db;\nexport const b = () => db.$transaction(async () => 1);\n", SYNTAX, "only app/data runs SQL and transactions");
    await expectOnly("app/workers/x.server.ts", Db + "declare const db: Db;\nexport const b = () => db.shipment.findMany({});\n", SYNTAX, "only app/data queries the database");
    await expectClean("app/data/x.server.ts", Db + 'declare const db: Db;\nexport const b = () => [db.shipment.findMany({}), db.$queryRawUnsafe("SELECT 1")];\n');
    await expectClean("app/services/x.server.ts", Db + "declare const db: Db;\ndeclare function findShipments(d: unknown): unknown;\nexport const b = () => findShipments(db);\n");
  });
});

describe("app/demo", () => {
  it("is imported only by entry points", async () => {
    await expectOnly("app/shopify/x.server.ts", 'import { a } from "../demo/demo-data";\nexport const b = a;\n', IMPORTS, "only entry points import app/demo");
    await expectOnly("app/routes/app.shipments.tsx", 'import { a } from "~/demo/demo-data.server";\nexport const b = a;\n', IMPORTS, "only entry points import app/demo");
    await expectClean("app/server/main.ts", 'import { a } from "../demo/demo-carriers.server";\nexport const b = a;\n');
    await expectClean("app/cli/commands/seed-demo.ts", 'import { a } from "../../demo/demo-data";\nexport const b = a;\n');
  });

  it("may use the carrier simulator and no other test-only code", async () => {
    await expectClean("app/demo/x.ts", 'import { a } from "../testing/carrier-simulator/server";\nexport const b = a;\n');
    await expectOnly("app/demo/x.ts", 'import { a } from "../testing/fake-twilio";\nexport const b = a;\n', IMPORTS, "the demo may use app/testing/carrier-simulator only");
  });
});

describe("casts", () => {
  it("refuses `as unknown as` in production code, tests and extensions alike", async () => {
    const doubleCast = "declare const value: string;\nexport const b = value as unknown as number;\n";
    await expectOnly("app/data/x.server.ts", doubleCast, SYNTAX, "no `as unknown as`");
    await expectOnly("app/services/x.server.ts", doubleCast, SYNTAX, "no `as unknown as`");
    await expectOnly("app/services/x.test.ts", doubleCast, SYNTAX, "no `as unknown as`");
    await expectOnly("extensions/admin-shipment-block/src/x.tsx", doubleCast, SYNTAX, "no `as unknown as`");
    // The database rule still fires beside it where both apply.
    expect((await problems("app/services/x.server.ts", Db + "declare const db: Db;\nexport const b = () => db.shipment.findMany({}) as unknown as number;\n")).map(([rule]) => rule)).toEqual([SYNTAX, SYNTAX]);
    await expectClean("app/services/x.server.ts", "declare const value: unknown;\nexport const b = typeof value === \"number\" ? value : 0;\n");
  });
});

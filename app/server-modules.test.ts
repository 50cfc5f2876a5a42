import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The `.server` convention: a production module that touches the database, the environment,
 * secrets or Node's built-ins itself is named `*.server.ts(x)`, so Remix keeps it out of browser
 * bundles and a reader sees it at the import. Routes (Remix modules of both sides), test-only
 * places and the scripts a process starts from are not such modules.
 */
const app = path.dirname(fileURLToPath(import.meta.url));

/** Scripts run by path (package.json, the build, the demo launcher), not imported. */
const SCRIPTS = new Set([
  "cli/main.ts",
  "data/generate-clients.ts",
  "data/migrate.ts",
  "data/postgres-schema.ts",
  "demo/run-demo.ts",
  "server/build.ts",
  "server/main.ts",
  "workers/main.ts",
]);

const NOT_MODULES = /(^|\/)(testing|bench|routes|__fixtures__|generated)(\/|$)|\.(test|contract|fixture)\.tsx?$|\.d\.ts$/;

function productionModules(dir = app, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    if (NOT_MODULES.test(relative)) return [];
    if (entry.isDirectory()) return productionModules(path.join(dir, entry.name), `${relative}/`);
    return /\.tsx?$/.test(entry.name) && !SCRIPTS.has(relative) && !relative.startsWith("cli/commands/") ? [relative] : [];
  });
}

const NODE_BUILTINS = /^(node:|fs$|path$|crypto$|child_process$|net$|http$|https$|os$|cluster$|url$|util$)/;

/** Why a module is server-only, judged from its own source (value imports, environment reads). */
export function serverOnlyReason(source: string): string | null {
  for (const match of source.matchAll(/^import\s+(type\s+)?([^;]*?)\s*from\s+"([^"]+)";?$/gms)) {
    const [, typeOnly, clause = "", specifier = ""] = match;
    if (typeOnly) continue;
    const names = clause.replace(/^[{\s]+|[}\s]+$/g, "").split(",").map((name) => name.trim()).filter(Boolean);
    if (clause.trim().startsWith("{") && names.every((name) => name.startsWith("type "))) continue;
    if (NODE_BUILTINS.test(specifier)) return `imports ${specifier}`;
    if (/^(@prisma\/|pg$|@libsql\/)/.test(specifier)) return `imports ${specifier}`;
    if (/(^~\/|\/)data\//.test(specifier)) return `imports ${specifier}`;
    if (/(^~\/|\/)config\/env\.server$/.test(specifier)) return `reads the environment (${specifier})`;
  }
  if (/process\.env\b/.test(source)) return "reads process.env";
  return null;
}

describe("the .server convention", () => {
  it("names every server-only production module *.server.ts", () => {
    const unnamed = productionModules()
      .filter((file) => !/\.server\.tsx?$/.test(file))
      .map((file) => [file, serverOnlyReason(fs.readFileSync(path.join(app, file), "utf8"))] as const)
      .filter(([, reason]) => reason !== null)
      .map(([file, reason]) => `app/${file}: ${reason}`);
    expect(unnamed).toEqual([]);
  });

  it("tells a server-only module from a shared one", () => {
    expect(serverOnlyReason('import crypto from "node:crypto";\n')).toBe("imports node:crypto");
    expect(serverOnlyReason('import { findShipment } from "../../data/tracking-views.server";\n')).toBe("imports ../../data/tracking-views.server");
    expect(serverOnlyReason('import { appEnv } from "~/config/env.server";\n')).toBe("reads the environment (~/config/env.server)");
    expect(serverOnlyReason("export const port = process.env.PORT;\n")).toBe("reads process.env");
    expect(serverOnlyReason('import type { Db } from "../data/db.server";\nimport { type ShipmentFilter } from "../data/shipments.server";\n')).toBeNull();
    expect(serverOnlyReason('import { lookupStatus } from "./mapping";\n')).toBeNull();
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";
import { buildProductionEntries, importsMissingFromDependencies, productionDependencies } from "./build";

describe("production build", () => {
  it("bundles server, worker and migrations so they import only what `npm ci --omit=dev` installs", async () => {
    const { metafile, missing } = await buildProductionEntries({ write: false });
    expect(missing).toEqual([]);
    const outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith(".js")).map((file) => path.basename(file));
    expect(outputs.sort()).toEqual(["migrate.js", "server.js", "worker.js"]);
    const external = new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path)));
    // Nothing that runs TypeScript or the Prisma CLI at run time.
    for (const devOnly of ["tsx", "prisma", "esbuild", "vitest"]) expect(external.has(devOnly)).toBe(false);
    // Node refuses a JSON import without an import attribute, so package JSON (Polaris locales) is bundled.
    expect([...external].filter((specifier) => specifier.endsWith(".json"))).toEqual([]);
  }, 30_000);

  it("names the packages a production install would lack", () => {
    const metafile = {
      inputs: {},
      outputs: {
        "build/server.js": {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: [
            { path: "express", kind: "import-statement" as const, external: true },
            { path: "node:fs", kind: "import-statement" as const, external: true },
            { path: "vitest/config", kind: "import-statement" as const, external: true },
            { path: "@remix-run/dev/server-build", kind: "import-statement" as const, external: true },
          ],
        },
      },
    };
    expect(importsMissingFromDependencies(metafile, productionDependencies())).toEqual(["@remix-run/dev", "vitest"]);
  });

  it("starts server and worker with plain node, not tsx", () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe("NODE_ENV=production node build/server.js");
    expect(scripts.worker).toBe("node build/worker.js");
    expect(scripts.migrate).toBe("node build/migrate.js");
    expect(scripts.build).toMatch(/app\/server\/build\.ts/);
  });
});

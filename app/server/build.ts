import { build, type Metafile, type Plugin } from "esbuild";
import fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";
import { precompressBuildAssets } from "./static-assets.server";

/**
 * Second half of `npm run build` (after `remix build`): bundles the processes production runs
 * into plain JavaScript, so `npm start`, `npm run worker` and `npm run migrate` need only `node`
 * and the packages in `dependencies` (`npm ci --omit=dev`), not tsx; then compresses the
 * browser's scripts and stylesheets once (static-assets.server.ts).
 */
export const PRODUCTION_ENTRIES = {
  server: "app/server/main.ts",
  worker: "app/workers/main.ts",
  migrate: "app/data/migrate.ts",
} as const;

/** Bare package name of an import specifier (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Imports left to Node at run time that a production install would not have. */
export function importsMissingFromDependencies(metafile: Metafile, dependencies: readonly string[]): string[] {
  const allowed = new Set([...dependencies, ...builtinModules]);
  const missing = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const entry of output.imports) {
      if (!entry.external || entry.path.startsWith("node:")) continue;
      const name = packageOf(entry.path);
      if (!allowed.has(name)) missing.add(name);
    }
  }
  return [...missing].sort();
}

/**
 * Packages `npm ci --omit=dev` installs at the top of node_modules: the lock file's entries not
 * marked dev (declared dependencies and what they bring, peers included).
 */
export function productionDependencies(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !entry.dev)
    .map(([key]) => key.slice("node_modules/".length));
}

/** The `~/` alias of tsconfig.json is our own code: bundled, never taken for a package. */
const appAlias: Plugin = {
  name: "app-alias",
  setup(builder) {
    builder.onResolve({ filter: /^~\// }, (args) =>
      builder.resolve(`./${args.path.slice(2)}`, { kind: args.kind, resolveDir: path.join(projectRoot, "app") }),
    );
  },
};

/**
 * JSON files imported from packages (Polaris' locale translations) are bundled: Node's ESM loader
 * refuses a JSON import without `with { type: "json" }`, which those packages' importers lack.
 */
const packageJson: Plugin = {
  name: "package-json",
  setup(builder) {
    builder.onResolve({ filter: /^[@a-z].*\.json$/ }, (args) => {
      if (args.path.startsWith("~/")) return undefined;
      return { path: createRequire(path.join(args.resolveDir, "index.js")).resolve(args.path) };
    });
  },
};

export async function buildProductionEntries(options: { write: boolean }): Promise<{ metafile: Metafile; missing: string[] }> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: Object.entries(PRODUCTION_ENTRIES).map(([out, input]) => ({ out, in: input })),
    outdir: path.join(projectRoot, "build"),
    bundle: true,
    // Packages stay in node_modules (native addons, WASM engines); only our code is bundled.
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node24",
    sourcemap: true,
    metafile: true,
    write: options.write,
    logLevel: "warning",
    plugins: [appAlias, packageJson],
  });
  return { metafile: result.metafile, missing: importsMissingFromDependencies(result.metafile, productionDependencies()) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(projectRoot, "app/server/build.ts")) {
  const { missing } = await buildProductionEntries({ write: true });
  if (missing.length > 0) {
    console.error(`production code imports packages a production install (npm ci --omit=dev) lacks; move them to dependencies: ${missing.join(", ")}`);
    process.exit(1);
  }
  console.log(`built ${Object.keys(PRODUCTION_ENTRIES).map((name) => `build/${name}.js`).join(", ")}`);
  const compressed = precompressBuildAssets(path.join(projectRoot, "public/build"));
  console.log(`compressed ${compressed} scripts and stylesheets in public/build (.br, .gz)`);
}

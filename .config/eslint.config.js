import js from "@eslint/js";
import noRelativeImportPaths from "eslint-plugin-no-relative-import-paths";
import tseslint from "typescript-eslint";

// ---------------------------------------------------------------------------------------------
// House rules: which folder of app/ may import which (README "Layout"; app/lint-rules.test.ts
// proves each rule fires).
//
//   domain ← carriers ← data ← shopify ← services ← routes / workers / cli / server
//   config sits beside the domain (anything may read it, it reads only the domain and the
//   carriers' declared environment variables, app/carriers/environment.ts);
//   components import only types from the lower layers' server modules, and never routes.
//
// Lower layers never import upward. Test-only places (fakes, simulators, helpers, fixtures,
// benchmarks) are never imported by production code; tests and benchmarks may import anything.
// Only app/data touches the database. app/demo is a dev layer: only the entry points below
// import it, and it alone of production folders may use the carrier simulator.
// ---------------------------------------------------------------------------------------------

/** Files that only tests and benchmarks use. */
export const TEST_ONLY_FILES = [
  "app/testing/**",
  "app/bench/**",
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/*.fixture.ts",
  "**/*.contract.ts",
  "**/__fixtures__/**",
];

/**
 * Entry points: the files a process starts from or Remix dispatches to, the only production
 * files that may import app/demo (the demo is wired in where the program starts, never below).
 */
export const ENTRY_POINTS = [
  "app/entry.server.tsx", // Remix server entry
  "app/server/main.ts", // `npm start`: HTTP server (runs the demo's carriers and sync loop in demo mode)
  "app/workers/main.ts", // `npm run worker`
  "app/cli/main.ts", // `npm run cli`
  "app/cli/commands/*.ts", // each file is the entry of one `npm run cli -- <command>`
  "app/routes/app.demo-inbox.tsx", // the demo's mail and SMS inbox page
];

const LAYERS = ["domain", "carriers", "config", "data", "shopify", "services", "components", "routes", "workers", "cli", "server", "demo"];

/**
 * Import specifiers that reach a top-level folder of app/: `~/name/…`, or relative paths that climb
 * out of the importing folder (`../name/…`, `../../name/…`).
 */
const folder = (name) => `^(~/|(\\.\\./)+)${name}(/|$)`;

const testOnlyImports = {
  regex: "^(~/|\\.{1,2}/)(.*/)?(testing|bench|__fixtures__)(/|$)|\\.(test|fixture|contract)(\\.tsx?)?$",
  caseSensitive: true,
  message: "production code never imports test-only code (app/testing, app/bench, *.test, *.fixture, *.contract, __fixtures__)",
};

const databaseImports = {
  group: ["@prisma/*", "prisma", "pg", "@libsql/*", "libsql", "**/generated/**"],
  message: "only app/data imports the Prisma clients and database drivers",
};

/**
 * What each layer may not import (folders of app/). `types` lists folders it may import types
 * from but no values; `allow` names single modules of a forbidden folder it may import.
 */
const FORBIDDEN = {
  domain: { no: LAYERS.filter((l) => l !== "domain") },
  carriers: { no: ["config", "data", "shopify", "services", "components", "routes", "workers", "cli", "server", "demo"] },
  // The environment schema takes the carriers' variables from their folders, through that one module.
  config: { no: ["carriers", "data", "shopify", "services", "components", "routes", "workers", "cli", "server", "demo"], allow: ["carriers/environment"] },
  data: { no: ["shopify", "services", "components", "routes", "workers", "cli", "server", "demo"] },
  shopify: { no: ["services", "components", "routes", "workers", "cli", "server", "demo"] },
  services: { no: ["components", "routes", "workers", "cli", "server", "demo"] },
  components: { no: ["routes", "workers", "cli", "server", "demo"], types: ["data", "services", "shopify"] },
  routes: { no: ["workers", "cli", "server", "demo"] },
  workers: { no: ["components", "routes", "cli", "server", "demo"] },
  cli: { no: ["components", "routes", "server", "demo"] },
  server: { no: ["components", "cli", "demo"] },
  root: { no: ["workers", "cli", "server", "demo"] },
  demo: { no: [] },
};

function importRule(layer, { demoAllowed = false } = {}) {
  const { no, types = [], allow = [] } = FORBIDDEN[layer];
  const allowed = (to) => allow.filter((module) => module.startsWith(`${to}/`)).map((module) => `(?!(~/|(\\.\\./)+)${module}$)`).join("");
  const patterns = no
    .filter((to) => !(demoAllowed && to === "demo"))
    .map((to) => ({
      regex: `^${allowed(to)}${folder(to).slice(1)}`,
      caseSensitive: true,
      message:
        to === "demo"
          ? "only entry points import app/demo (ENTRY_POINTS in .config/eslint.config.js)"
          : `app/${layer} may not import from app/${to} (domain ← carriers ← data ← shopify ← services ← routes/workers/cli/server)`,
    }));
  for (const to of types) {
    // Server modules stay out of the browser bundle: only their types. A module without the
    // .server suffix is client-safe by the naming rule (app/server-modules.test.ts) and may be used.
    patterns.push({ regex: `^(?=.*\\.server(\\.tsx?)?$)${folder(to).slice(1)}`, caseSensitive: true, allowTypeImports: true, message: `app/${layer} may import only types from server modules of app/${to}` });
  }
  if (layer !== "data") patterns.push(databaseImports);
  if (layer === "demo") {
    // The demo is a dev entry point: it drives the app with the carrier simulator, nothing else test-only.
    patterns.push({
      ...testOnlyImports,
      regex: `^(?!(~/|(\\.\\./)+)testing/carrier-simulator/)(${testOnlyImports.regex})`,
      message: testOnlyImports.message + "; the demo may use app/testing/carrier-simulator only",
    });
  } else {
    patterns.push(testOnlyImports);
  }
  if (layer === "domain") {
    patterns.push(
      { group: ["@remix-run/*", "@shopify/*", "react", "react-dom"], message: "app/domain is framework-free" },
      { group: ["node:*", "fs", "path", "http", "https", "net", "child_process", "os", "crypto"], message: "app/domain does no I/O" },
    );
  }
  return ["error", { patterns }];
}

const layerFiles = (layer) => (layer === "root" ? ["app/*.ts", "app/*.tsx"] : [`app/${layer}/**/*.ts`, `app/${layer}/**/*.tsx`]);


const boundaryBlocks = ["root", ...LAYERS].flatMap((layer) => [
  {
    files: layerFiles(layer),
    ignores: [...TEST_ONLY_FILES, ...ENTRY_POINTS],
    rules: { "@typescript-eslint/no-restricted-imports": importRule(layer) },
  },
]);

const entryBlocks = ENTRY_POINTS.map((entry) => {
  const layer = entry.split("/").length === 2 ? "root" : entry.split("/")[1];
  return { files: [entry], ignores: TEST_ONLY_FILES, rules: { "@typescript-eslint/no-restricted-imports": importRule(layer, { demoAllowed: true }) } };
});

/** Database access outside app/data: raw SQL, transactions, or `db.<model>.<query>(…)` on a client. */
const databaseSyntax = [
  {
    selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)$/]",
    message: "only app/data runs SQL and transactions: add a function to app/data",
  },
  {
    selector: "CallExpression > MemberExpression.callee > MemberExpression.object > Identifier.object[name=/^(db|tx|prisma|client)$/]",
    message: "only app/data queries the database (db.<model>.<query>): add a function to app/data",
  },
];

/** A double cast claims a type nothing checked; check the value (a guard, a schema) or type it where it is made. */
const doubleCast = {
  selector: "TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation",
  message: "no `as unknown as`: check the value (a type guard or a schema) or give it its type where it is made",
};

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "app/data/generated/**",
      "extensions/*/dist/**",
      // Generated by `shopify app build` (typings of the `shopify` global per extension module).
      "extensions/*/shopify.d.ts",
      ".cache/**",
      ".shopify/**",
      // Scratch space, never committed.
      ".tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  ...boundaryBlocks,
  ...entryBlocks,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-restricted-syntax": ["error", doubleCast] },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/data/**", ...TEST_ONLY_FILES],
    rules: { "no-restricted-syntax": ["error", ...databaseSyntax, doubleCast] },
  },
  {
    // One import style: `~/folder/…` across folders, `./…` within one (`eslint --fix` rewrites).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    plugins: { "no-relative-import-paths": noRelativeImportPaths },
    rules: {
      "no-relative-import-paths/no-relative-import-paths": ["error", { allowSameFolder: true, rootDir: "app", prefix: "~" }],
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "app/domain never reads the environment" }],
      "no-restricted-globals": ["error", { name: "fetch", message: "app/domain does no I/O" }],
    },
  },
  {
    files: ["app/carriers/**/*.ts"],
    ignores: TEST_ONLY_FILES,
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "carrier adapters get options injected" }],
    },
  },
);

import { assertSupportedNode } from "~/config/node-version";
assertSupportedNode();

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";
import { assertDemoModeSafe, DEMO_SHOP, DemoModeRefused } from "~/config/demo-mode.server";

/**
 * `npm run demo`: a complete local Trackline on an embedded SQLite file — migrate, seed the demo
 * shop once, build if the sources changed, then serve on 127.0.0.1 with demo mode on.
 */
const DEMO_DATABASE_URL = "file:./prisma/demo.sqlite";
const port = process.env.PORT ?? "3000";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TRACKLINE_DEMO: "1",
  NODE_ENV: process.env.NODE_ENV ?? "development",
  HOST: process.env.HOST ?? "127.0.0.1",
  PORT: port,
  DATABASE_URL: DEMO_DATABASE_URL,
};

try {
  assertDemoModeSafe({
    NODE_ENV: env.NODE_ENV ?? "",
    HOST: env.HOST,
    SHOPIFY_API_KEY: env.SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: env.SHOPIFY_API_SECRET,
  });
} catch (error) {
  if (error instanceof DemoModeRefused) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

function step(title: string, command: string, args: string[]) {
  console.log(`▸ ${title}`);
  const result = spawnSync(command, args, { cwd: projectRoot, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);

/** Newest modification time under a folder (to rebuild only when sources changed). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

step("Generating database clients", bin("tsx"), ["app/data/generate-clients.ts"]);
step("Applying migrations to prisma/demo.sqlite", bin("tsx"), ["app/data/migrate.ts"]);
const databaseFile = path.join(projectRoot, "prisma/demo.sqlite");
const seededMarker = `${databaseFile}.seeded`;
if (!fs.existsSync(seededMarker) || process.argv.includes("--reseed")) {
  step("Seeding the demo shop", bin("tsx"), ["app/cli/main.ts", "seed-demo"]);
  fs.writeFileSync(seededMarker, new Date().toISOString());
}
const serverBuild = path.join(projectRoot, "build/index.js");
const sourcesChanged =
  !fs.existsSync(serverBuild) ||
  newestMtime(path.join(projectRoot, "app")) > fs.statSync(serverBuild).mtimeMs ||
  fs.statSync(path.join(projectRoot, "remix.config.js")).mtimeMs > fs.statSync(serverBuild).mtimeMs;
if (sourcesChanged) step("Building the app", bin("remix"), ["build"]);

const base = `http://${env.HOST}:${port}`;
console.log(`
Trackline demo — shop ${DEMO_SHOP}
  Admin (shipments):  ${base}/app
  Health:             ${base}/healthz
  Reseed:             npm run demo -- --reseed
Press Ctrl+C to stop.
`);
const server = spawn(bin("tsx"), ["app/server/main.ts"], { cwd: projectRoot, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

/**
 * Size budgets for what shoppers and admins download. UI extensions: Shopify's limit is 64 KB
 * compressed; ours is 25 KB. The storefront tracking page may ship at most 15 KB of JavaScript
 * (it ships none). `npx tsx extensions/size-budget.ts` builds with `shopify app build`, prints
 * each size and exits 1 when a budget is exceeded; extensions/size-budget.test.ts runs the same.
 */
export const UI_EXTENSION_BUDGET_BYTES = 25 * 1024;
export const STOREFRONT_JS_BUDGET_BYTES = 15 * 1024;

const extensionsDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.dirname(extensionsDir);

export interface SizeReport {
  name: string;
  kind: "ui_extension" | "theme";
  bytes: number;
  gzipBytes: number;
  budgetBytes: number;
}

/** Runs the Shopify CLI build (offline) and fails loudly if it does. */
export function buildExtensions(): string {
  const result = spawnSync(path.join(projectRoot, "node_modules/.bin/shopify"), ["app", "build"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://trackline.example.com", SHOPIFY_CLI_NO_ANALYTICS: "1" },
  });
  if (result.status !== 0) throw new Error(`shopify app build failed:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

function gzipSize(buffer: Buffer): number {
  return zlib.gzipSync(buffer, { level: 9 }).length;
}

/** Sizes of every built UI extension bundle and of the theme extension's JavaScript. */
export function measureExtensions(): SizeReport[] {
  const reports: SizeReport[] = [];
  for (const name of fs.readdirSync(extensionsDir).sort()) {
    const toml = path.join(extensionsDir, name, "shopify.extension.toml");
    if (!fs.existsSync(toml)) continue;
    // Flow triggers and their lifecycle callback are configuration only: no code ships.
    if (/type\s*=\s*"flow_trigger(_lifecycle_callback)?"/.test(fs.readFileSync(toml, "utf8"))) continue;
    if (/type\s*=\s*"theme"/.test(fs.readFileSync(toml, "utf8"))) {
      const assets = path.join(extensionsDir, name, "assets");
      const scripts = fs.existsSync(assets) ? fs.readdirSync(assets).filter((file) => file.endsWith(".js")) : [];
      const contents = scripts.map((file) => fs.readFileSync(path.join(assets, file)));
      reports.push({
        name,
        kind: "theme",
        bytes: contents.reduce((sum, buffer) => sum + buffer.length, 0),
        gzipBytes: contents.reduce((sum, buffer) => sum + gzipSize(buffer), 0),
        budgetBytes: STOREFRONT_JS_BUDGET_BYTES,
      });
      continue;
    }
    const bundle = path.join(extensionsDir, name, "dist", `${name}.js`);
    if (!fs.existsSync(bundle)) throw new Error(`${name} has no built bundle at ${path.relative(projectRoot, bundle)}`);
    const buffer = fs.readFileSync(bundle);
    reports.push({ name, kind: "ui_extension", bytes: buffer.length, gzipBytes: gzipSize(buffer), budgetBytes: UI_EXTENSION_BUDGET_BYTES });
  }
  return reports;
}

export function formatReport(reports: readonly SizeReport[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return reports
    .map((report) => {
      const verdict = report.gzipBytes <= report.budgetBytes ? "ok" : "OVER BUDGET";
      const what = report.kind === "theme" ? "storefront JS" : "bundle";
      return `${report.name.padEnd(26)} ${what.padEnd(14)} ${kb(report.bytes).padStart(9)} raw ${kb(report.gzipBytes).padStart(8)} gzip  budget ${kb(report.budgetBytes)}  ${verdict}`;
    })
    .join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const output = buildExtensions();
  for (const line of output.split("\n").filter((text) => /compressed|built in/.test(text))) console.log(line.trim());
  const reports = measureExtensions();
  console.log(formatReport(reports));
  process.exitCode = reports.every((report) => report.gzipBytes <= report.budgetBytes) ? 0 : 1;
}

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { projectRoot } from "~/config/database-target.server";
import { freePort } from "./free-port";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * `npm run demo` in its own process group plus headless Chromium, for admin page tests. Every
 * console error, page error and failed request of an opened page is collected in
 * `consoleErrors`; screenshots go to $TRACKLINE_ARTIFACTS_DIR/<name> (default under the tmp dir).
 */
export function demoInBrowser(name: string) {
  const artifacts = path.join(process.env.TRACKLINE_ARTIFACTS_DIR ?? path.join(os.tmpdir(), "trackline-artifacts"), name);
  const consoleErrors: string[] = [];
  let demo: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = "";

  async function start(): Promise<void> {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NODE_ENV: "development" };
    for (const variable of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "SCOPES", "DATABASE_URL", "TRACKLINE_DEMO"]) delete env[variable];
    const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/demo/run-demo.ts"], { cwd: projectRoot, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    demo = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 170_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("listening on")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.on("exit", (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    fs.mkdirSync(artifacts, { recursive: true });
  }

  async function stop(): Promise<void> {
    await browser?.close();
    // The demo runs in its own process group: stop it and the server it started.
    // (It may already have exited, e.g. when it failed to start: that error is the one to report.)
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, "SIGTERM");
  }

  /**
   * Opens a page of the demo in a fresh browser context. `locale` adds Shopify's `?locale=`
   * parameter (the admin's language); `viewport` overrides the desktop default.
   */
  async function open(url: string, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    if (!browser) throw new Error("demoInBrowser: start() first");
    // A context of its own per page (axe-core's Playwright runner needs one); closing the page closes it.
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 900 } });
    const page = await context.newPage();
    // The browser may be closing already (the suite's end): then the context is gone with it.
    page.on("close", () => void context.close().catch(() => undefined));
    if (options.locale) {
      const target = new URL(url, "http://demo.invalid");
      target.searchParams.set("locale", options.locale);
      url = `${target.pathname}${target.search}`;
    }
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${url}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${url}: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) consoleErrors.push(`${url}: ${response.status()} ${response.url()}`);
    });
    await page.goto(`${base}${url}`, { waitUntil: "networkidle" });
    // Hydrated before any screenshot or action: Playwright's screenshots hide the caret with an
    // inline style on every input, which a page still hydrating would report as a mismatch. The
    // storefront tracking page is plain HTML with no React to wait for.
    if (!url.startsWith("/apps/")) await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 60_000 });
    return page;
  }

  return {
    artifacts,
    consoleErrors,
    start,
    stop,
    open,
    url: (pathname: string) => `${base}${pathname}`,
  };
}

/** One axe-core finding, short enough to read in a failed assertion. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practices) on the page as it is now, less the
 * rules named in `skipRules`. Only violations are collected: axe's details of every passing node
 * are not needed and cost time on large pages.
 */
export async function axeFindings(page: Page, skipRules: readonly string[] = []): Promise<AxeFinding[]> {
  // Sandboxed frames (the tracking-page preview, a rendered email) run no scripts, so axe cannot
  // look inside and waits on them forever; the tracking page they show is checked as a page itself.
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .exclude("iframe[sandbox]")
    .disableRules([...skipRules])
    .options({ resultTypes: ["violations"] })
    .analyze();
  return result.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
}

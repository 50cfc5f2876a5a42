import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./database-target.server";
import { assertDemoModeSafe, DEMO_API_KEY, DemoModeRefused, isLoopbackHost } from "./demo-mode.server";

const safe = { NODE_ENV: "development", HOST: "127.0.0.1" };

describe("assertDemoModeSafe", () => {
  it("allows a local development demo", () => {
    expect(() => assertDemoModeSafe(safe)).not.toThrow();
    expect(() => assertDemoModeSafe({ ...safe, HOST: "localhost", SHOPIFY_API_KEY: DEMO_API_KEY })).not.toThrow();
  });

  it("refuses in production", () => {
    expect(() => assertDemoModeSafe({ ...safe, NODE_ENV: "production" })).toThrow(DemoModeRefused);
    expect(() => assertDemoModeSafe({ ...safe, NODE_ENV: "production" })).toThrow(/NODE_ENV is production/);
  });

  it("refuses when real Shopify credentials are configured", () => {
    expect(() => assertDemoModeSafe({ ...safe, SHOPIFY_API_KEY: "a1b2c3" })).toThrow(/real Shopify credentials/);
    expect(() => assertDemoModeSafe({ ...safe, SHOPIFY_API_SECRET: "shpss_123" })).toThrow(/real Shopify credentials/);
  });

  it("refuses to bind anywhere but loopback", () => {
    expect(() => assertDemoModeSafe({ ...safe, HOST: "0.0.0.0" })).toThrow(/loopback/);
    expect(() => assertDemoModeSafe({ ...safe, HOST: "192.168.1.20" })).toThrow(/loopback/);
    expect(() => assertDemoModeSafe({ NODE_ENV: "development" })).toThrow(/HOST is unset/);
  });

  it("knows loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.1", "example.com", "127.0.0.1.example.com"]) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("the server process in demo mode", () => {
  // The real entry point, started as a user would: it must stop before serving anything.
  function startServer(env: Record<string, string>) {
    return spawnSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/server/main.ts"], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", TRACKLINE_DEMO: "1", PORT: "0", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
  }

  const unsafe: [string, Record<string, string>, RegExp][] = [
    ["production", { NODE_ENV: "production", HOST: "127.0.0.1" }, /NODE_ENV is production/],
    ["real credentials", { NODE_ENV: "development", HOST: "127.0.0.1", SHOPIFY_API_KEY: "live-key", SHOPIFY_API_SECRET: "live-secret" }, /real Shopify credentials/],
    ["public bind address", { NODE_ENV: "development", HOST: "0.0.0.0" }, /loopback/],
  ];

  it.each(unsafe)("refuses to start with %s", (_name, env, reason) => {
    const result = startServer(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stdout).not.toContain("listening");
  });
});

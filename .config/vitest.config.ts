import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
// CI asks for a machine-readable result beside the normal output (it prints the totals).
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  root,
  resolve: { alias: { "~": `${root}app` } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "extensions/**/*.test.{ts,tsx}"],
    // Postgres suites and the chaos suite (`npm run test:chaos`) have configurations of their own.
    exclude: ["**/node_modules/**", "**/*.pg.test.ts", "**/*.chaos.test.ts"],
    globalSetup: [".config/vitest.global-setup.ts"],
    setupFiles: ["app/testing/setup.ts"],
    // A test configuration of the app: real Shopify libraries, test secrets, no real shop.
    env: {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "trackline-test-api-key",
      SHOPIFY_API_SECRET: "trackline-test-api-secret",
      SHOPIFY_APP_URL: "https://trackline.test",
      SCOPES: "read_orders,write_fulfillments",
      TRACKLINE_DEMO: "0",
    },
    environment: "node",
    testTimeout: 20_000,
    reporters: jsonReport ? ["default", "json"] : ["default"],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    hookTimeout: 60_000,
  },
});

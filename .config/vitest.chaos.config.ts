import { defineConfig } from "vitest/config";
import unit from "./vitest.config";

// `npm run test:chaos`: fuzzing and fault suites (`*.chaos.test.ts`), long-running, kept out of
// `npm test`. Same app configuration as the unit suite, plus carrier push secrets so signed
// pushes reach their parsers.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  ...unit,
  test: {
    ...unit.test,
    include: ["app/**/*.chaos.test.ts"],
    exclude: ["**/node_modules/**"],
    env: {
      ...unit.test?.env,
      SEVENTEEN_TRACK_WEBHOOK_KEY: "chaos-17track-key",
      UPS_TRACK_ALERT_CREDENTIAL: "chaos-ups-credential",
      DHL_PUSH_SECRET: "chaos-dhl-token",
    },
    testTimeout: 360_000,
    reporters: jsonReport ? ["default", "json"] : ["default"],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});

import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The Postgres project: the repository contract tests again, against a real throwaway cluster.
export default defineConfig({
  root: base.root,
  resolve: base.resolve,
  test: {
    ...base.test,
    include: ["app/**/*.pg.test.ts"],
    exclude: ["**/node_modules/**"],
    globalSetup: [".config/vitest.global-setup.ts", ".config/vitest.pg.global-setup.ts"],
    setupFiles: ["app/testing/setup.ts", "app/testing/setup-postgres.ts"],
    // Each file gets its own database cloned from a migrated template; files run one at a time
    // so the two-core CI machine is not oversubscribed.
    fileParallelism: false,
  },
});

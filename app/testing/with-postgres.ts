import { spawnSync } from "node:child_process";
import { startPostgresCluster } from "./postgres-cluster.server";

/**
 * `npm run with-postgres -- <command…>`: runs a command against a throwaway Postgres cluster
 * (DATABASE_URL set), then removes the cluster. CI uses it to prove `npm run setup` on Postgres.
 */
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("Usage: npm run with-postgres -- <command> [args…]");
  process.exit(2);
}
const cluster = await startPostgresCluster();
try {
  console.log(`Postgres ready at ${cluster.url}`);
  const result = spawnSync(command[0] as string, command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: cluster.url },
  });
  process.exitCode = result.status ?? 1;
} finally {
  cluster.stop();
}

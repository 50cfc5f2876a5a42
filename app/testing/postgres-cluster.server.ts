import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/**
 * A throwaway Postgres cluster for tests, benchmarks and migration authoring: initdb into a temp
 * dir, start on a free loopback port, drop everything on stop. Uses the machine's Postgres
 * server binaries (Debian's `postgresql` package); as root, the server runs as `postgres`.
 */
export interface PostgresCluster {
  url: string;
  port: number;
  stop: () => void;
}

const CANDIDATE_BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

export function findPostgresBinDir(): string | null {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  const dirs = fromEnv ? [fromEnv, ...CANDIDATE_BIN_DIRS] : CANDIDATE_BIN_DIRS;
  return dirs.find((dir) => fs.existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

export async function startPostgresCluster(database = "trackline"): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error("Postgres server binaries not found: install them with `apt-get install postgresql` (or set POSTGRES_BIN_DIR)");
  }
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trackline-pg-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  // initdb and postgres refuse to run as root, so they run as the `postgres` system user.
  const run = (bin: string, args: string[]) => {
    const command = asRoot ? "runuser" : path.join(binDir, bin);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(binDir, bin), ...args] : args;
    const result = spawnSync(command, argv, { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${bin} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
    return result.stdout;
  };
  const port = await freePort();
  const dataDir = path.join(dir, "data");
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", [
    "-D", dataDir, "-w", "-l", path.join(dir, "log"),
    "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    "start",
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", database]);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, port, stop };
}

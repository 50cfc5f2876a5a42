import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "~/config/database-target.server";

export const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);
const CPU_REPORTER = fileURLToPath(new URL("./cpu-reporter.ts", import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds what production runs (`npm run build`: the Remix app, then the bundled server, worker
 * and migrate scripts) unless every output is newer than every source file.
 */
export function ensureProductionBuild(): void {
  const outputs = ["build/index.js", ...Object.values(PRODUCTION_BUNDLES)].map((file) => path.join(projectRoot, file));
  const newestSource = newestMtime(path.join(projectRoot, "app"));
  if (outputs.every((file) => fs.existsSync(file) && newestSource <= fs.statSync(file).mtimeMs)) return;
  console.log("▸ building the app (npm run build)");
  buildForProduction();
}

/** What `npm run build` does: the Remix app, then the production bundles and the browser's files compressed once. */
export function buildForProduction(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  const remix = spawnSync(bin("remix"), ["build"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"], env });
  if (remix.status !== 0) throw new Error(`remix build failed (exit ${remix.status})`);
  const bundles = spawnSync(bin("tsx"), ["app/server/build.ts"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"], env });
  if (bundles.status !== 0) throw new Error(`the production bundles failed to build (exit ${bundles.status})`);
}

/** The bundles `npm start` and `npm run worker` run with plain `node` (app/server/build.ts). */
export const PRODUCTION_BUNDLES = { server: "build/server.js", worker: "build/worker.js" } as const;

/** Runs a repository script (tsx) to completion with `env`, throwing with its output on failure. */
export function runScript(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(bin("tsx"), args, { cwd: projectRoot, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

export interface CpuTime {
  userMs: number;
  systemMs: number;
}
export const cpuTotal = (cpu: CpuTime) => cpu.userMs + cpu.systemMs;
export const cpuDelta = (after: CpuTime, before: CpuTime): CpuTime => ({ userMs: after.userMs - before.userMs, systemMs: after.systemMs - before.systemMs });

/** Asks a child started with the CPU reporter preloaded (cpu-reporter.ts) for its CPU so far. */
function cpuAsker(child: ChildProcess): () => Promise<CpuTime> {
  let nextId = 1;
  return () =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (message: { benchCpu?: number; userMicros?: number; systemMicros?: number }) => {
        if (message.benchCpu !== id || message.userMicros === undefined) return;
        child.off("message", onMessage);
        resolve({ userMs: message.userMicros / 1000, systemMs: (message.systemMicros ?? 0) / 1000 });
      };
      child.on("message", onMessage);
      if (!child.send({ benchCpu: id })) reject(new Error("the process's IPC channel is closed"));
    });
}

/** SIGTERM, then resolves once the child has exited (SIGKILL after 5 s). */
function stopperOf(child: ChildProcess, exited: Promise<unknown>): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** CPU the server (every process of it) has used so far, from its own process.cpuUsage(). */
  cpu(): Promise<CpuTime>;
  /** SIGTERM, then resolves once it has exited (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts `script` (default: the production server as `npm start` runs it, the bundle
 * build/server.js; call ensureProductionBuild first) in its own process of plain `node`, as
 * production runs it (no TypeScript loader: a script given here is JavaScript or TypeScript that
 * Node runs as is), with the CPU reporter preloaded; waits until GET {url}/healthz answers and
 * returns a handle. `cpuProfileDir` writes a V8 CPU profile of the server there when it exits.
 */
export async function startServer(options: { port: number; env: NodeJS.ProcessEnv; script?: string; cpuProfileDir?: string; healthPath?: string }): Promise<ServerProcess> {
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(options.cpuProfileDir)] : [];
  const child = spawn(process.execPath, ["--import", CPU_REPORTER, ...profile, options.script ?? PRODUCTION_BUNDLES.server], {
    cwd: projectRoot,
    env: { ...options.env, PORT: String(options.port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it answered`);
    const ok = await fetch(`${url}${options.healthPath ?? "/healthz"}`)
      .then(async (response) => (await response.arrayBuffer(), response.ok))
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("server did not answer within 60 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    cpu: cpuAsker(child),
    stop: stopperOf(child, exited),
  };
}

/**
 * Forks a TypeScript module with the CPU reporter preloaded and resolves with its first IPC
 * message (e.g. the URL it listens on), a `cpu()` like a server's, and `stop()`.
 */
export async function forkWithCpu<T>(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ready: T; cpu(): Promise<CpuTime>; stop(): Promise<void>; child: ChildProcess }> {
  const { fork } = await import("node:child_process");
  const child = fork(path.resolve(projectRoot, script), [], { cwd: projectRoot, env, execArgv: ["--import", "tsx", "--import", CPU_REPORTER], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once("message", (message) => resolve(message as T));
    child.once("exit", (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return {
    ready,
    child,
    cpu: cpuAsker(child),
    stop: stopperOf(child, new Promise((resolve) => child.once("exit", resolve))),
  };
}

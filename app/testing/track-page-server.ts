import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Serves the storefront tracking route (app/routes/apps.track.tsx) on a loopback port without the
 * Remix build, for the page's browser test (bench:track-page goes through the production server). The process must run in demo mode
 * (TRACKLINE_DEMO=1, set before this module loads) so the route answers without a proxy
 * signature, exactly as `npm run demo` serves it. Each response reports its server time.
 */
export interface TrackPageServer {
  url: string;
  /** Server-side milliseconds of every request served, in order. */
  serverTimes: number[];
  close(): Promise<void>;
}

export async function startTrackPageServer(): Promise<TrackPageServer> {
  const route = await import("~/routes/apps.track");
  const serverTimes: number[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      void (async () => {
        const started = process.hrtime.bigint();
        const url = `http://${incoming.headers.host}${incoming.url ?? "/"}`;
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
        const method = incoming.method ?? "GET";
        const request = new Request(url, { method, headers, ...(method === "POST" ? { body: Buffer.concat(chunks) } : {}) });
        let response: Response;
        if (new URL(url).pathname !== "/apps/track") response = new Response("Not found", { status: 404 });
        else {
          const args = { request, params: {}, context: {} };
          response = await (method === "POST" ? route.action(args) : route.loader(args)).catch((thrown: unknown) =>
            thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 }),
          );
        }
        const body = Buffer.from(await response.arrayBuffer());
        serverTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serverTimes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Run directly (`tsx app/testing/track-page-server.ts` with TRACKLINE_DEMO=1 and DATABASE_URL set):
 * prints `{"url": …}` once listening; a line "report" on stdin prints the server times so far as
 * JSON, "close" (or the end of stdin) stops it. Lets a load generator or browser run in another process.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const server = await startTrackPageServer();
  console.log(JSON.stringify({ url: server.url }));
  process.stdin.setEncoding("utf8");
  let buffered = "";
  process.stdin.on("data", (chunk: string) => {
    buffered += chunk;
    const commands = buffered.split("\n");
    buffered = commands.pop() ?? "";
    for (const command of commands.map((text) => text.trim())) {
      if (command === "report") console.log(JSON.stringify({ serverTimes: server.serverTimes }));
      else if (command === "close") void server.close().then(() => process.exit(0));
    }
  });
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
}

/** Starts the server above in a child process (demo mode, the given database). */
export async function spawnTrackPageServer(databaseUrl: string): Promise<{ url: string; report(): Promise<number[]>; stop(): void }> {
  const { spawn } = await import("node:child_process");
  const { projectRoot } = await import("~/config/database-target.server");
  const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["app/testing/track-page-server.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, TRACKLINE_DEMO: "1", HOST: "127.0.0.1", NODE_ENV: "development", SHOPIFY_API_KEY: "", SHOPIFY_API_SECRET: "" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let partial = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    partial += chunk;
    const parts = partial.split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts.filter((text) => text.startsWith("{"))) {
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const ready = lines.shift();
      if (ready) return resolve(ready);
      waiters.push(resolve);
      child.once("exit", (code) => reject(new Error(`tracking page server exited (${code})`)));
    });
  const { url } = JSON.parse(await nextLine()) as { url: string };
  return {
    url,
    async report() {
      child.stdin.write("report\n");
      return (JSON.parse(await nextLine()) as { serverTimes: number[] }).serverTimes;
    },
    stop() {
      child.kill();
    },
  };
}

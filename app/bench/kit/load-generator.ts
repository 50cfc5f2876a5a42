import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Open-loop load generator. It runs in its own process (so it never steals the event loop of the
 * process it measures and, started with `runOpenLoop`, never of the benchmark either) and sends
 * request i at start + i/rate whether or not earlier requests have been answered, the way
 * independent shoppers or Shopify's webhook senders behave. A request's latency runs from the
 * moment it was DUE to the moment its whole response body has arrived (decompressed), so a
 * generator or a server that falls behind shows up in the figures instead of hiding them
 * ("coordinated omission"). Responses are fetched with fetch(), which asks for gzip/br.
 *
 * What to send comes from a scenario module: its default export receives `scenarioOptions` and
 * returns `next(index)`, the request number `index` (method, path, headers, body). Scenarios
 * sign their own requests, so signatures carry fresh timestamps and their CPU stays out of the server.
 */
export interface RequestSpec {
  method?: string;
  /** Path and query, appended to the base URL. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type Scenario = (options: Record<string, unknown>) => Promise<(index: number) => RequestSpec> | ((index: number) => RequestSpec);

export interface LoadPlan {
  url: string;
  rate: number;
  seconds: number;
  /** Absolute path of the scenario module. */
  scenario: string;
  scenarioOptions?: Record<string, unknown>;
  /** Index of the first request (lets consecutive steps continue a sequence). */
  firstIndex?: number;
  /** A request not answered within this many ms counts as failed (default 10 000). */
  timeoutMs?: number;
}

export interface LoadResult {
  rate: number;
  sent: number;
  /** Latency (due → end of body) of every answered request, in ms, in sending order. */
  latencies: number[];
  /** [seconds since start when due, latency ms] per answered request. */
  timeline: [number, number][];
  statuses: Record<string, number>;
  /** Requests that failed (network error, timeout). */
  failed: number;
  /** Largest delay between a request's due time and its actual send (generator health). */
  maxSendLagMs: number;
  elapsedSeconds: number;
  /** Response bytes over the wire, summed (as Content-Length when present). */
  encodedBytes: number;
  /** Content-Encoding values seen, with counts. */
  encodings: Record<string, number>;
}

async function generate(plan: LoadPlan): Promise<LoadResult> {
  const scenario = ((await import(pathToFileURL(plan.scenario).href)) as { default: Scenario }).default;
  const next = await scenario(plan.scenarioOptions ?? {});
  const total = Math.max(1, Math.round(plan.rate * plan.seconds));
  const first = plan.firstIndex ?? 0;
  const timeoutMs = plan.timeoutMs ?? 10_000;
  const result: LoadResult = { rate: plan.rate, sent: 0, latencies: [], timeline: [], statuses: {}, failed: 0, maxSendLagMs: 0, elapsedSeconds: 0, encodedBytes: 0, encodings: {} };
  const send = async (index: number, due: number, started: number) => {
    const spec = next(first + index);
    result.sent += 1;
    result.maxSendLagMs = Math.max(result.maxSendLagMs, performance.now() - due);
    try {
      const response = await fetch(`${plan.url}${spec.path}`, {
        method: spec.method ?? "GET",
        headers: spec.headers,
        body: spec.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      const latency = performance.now() - due;
      result.latencies.push(latency);
      result.timeline.push([(due - started) / 1000, latency]);
      result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
      const encoding = response.headers.get("content-encoding") ?? "identity";
      result.encodings[encoding] = (result.encodings[encoding] ?? 0) + 1;
      result.encodedBytes += Number(response.headers.get("content-length") ?? 0);
    } catch {
      result.failed += 1;
    }
  };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / plan.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index, due, started));
  }
  await Promise.all(inFlight);
  result.elapsedSeconds = (performance.now() - started) / 1000;
  return result;
}

/** Runs `plan` in a child process and resolves with its result. */
export function runOpenLoop(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answered = false;
    child.once("message", (message: { result?: LoadResult; error?: string }) => {
      answered = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load generator: ${message.error}`));
    });
    child.once("exit", (code) => {
      if (!answered) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(plan);
  });
}

if (process.send && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.once("message", (plan: LoadPlan) => {
    generate(plan)
      .then((result) => process.send!({ result }, () => process.exit(0)))
      .catch((error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)));
  });
}

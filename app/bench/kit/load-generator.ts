import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

/**
 * Open-loop load generator. It runs in its own process (so it never steals the event loop of the
 * process it measures and, started with `runOpenLoop`, never of the benchmark either) and sends
 * request i at start + i/rate whether or not earlier requests have been answered, the way
 * independent shoppers or Shopify's webhook senders behave. A request's latency runs from the
 * moment it was DUE to the moment its whole response body has arrived (decompressed), so a
 * generator or a server that falls behind shows up in the figures instead of hiding them
 * ("coordinated omission"). Requests go out through node:http over kept-alive connections, with
 * the headers Node's fetch() sends over plain HTTP (Accept-Encoding `gzip, deflate`, Accept `*\/*`,
 * Accept-Language `*`, unless the scenario names them), and answers are decompressed as fetch()
 * would. fetch() cost about 1 ms more CPU per request than node:http (2.0 against 0.9–1.0 ms for
 * a request and a bare server's answer in one process, one request every 4 ms): on a machine the
 * server shares, that work beside it showed up in the server's tails.
 *
 * What to send comes from a scenario module: its default export receives `scenarioOptions` and
 * returns `next(index)`, the request number `index` (method, path, headers, body). Scenarios
 * sign their own requests, so their CPU stays out of the server; every request of a step is made
 * just before the step starts, so a signature's timestamp is at most the step's length old.
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
  /** The generator's own CPU (user + system) per answered request, ms (generator health). */
  generatorCpuMsPerRequest: number;
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
  const result: LoadResult = {
    rate: plan.rate,
    sent: 0,
    latencies: [],
    timeline: [],
    statuses: {},
    failed: 0,
    maxSendLagMs: 0,
    generatorCpuMsPerRequest: Number.NaN,
    elapsedSeconds: 0,
    encodedBytes: 0,
    encodings: {},
  };
  const base = new URL(plan.url);
  const agent = new http.Agent({ keepAlive: true });
  // Made (and signed) before the clock starts, so the generator's own work stays out of the step.
  const requests = Array.from({ length: total }, (_, index) => prepare(next(first + index)));
  const send = async (index: number, due: number, started: number) => {
    result.sent += 1;
    result.maxSendLagMs = Math.max(result.maxSendLagMs, performance.now() - due);
    try {
      const response = await exchange(base, agent, requests[index]!, timeoutMs);
      const latency = performance.now() - due;
      result.latencies.push(latency);
      result.timeline.push([(due - started) / 1000, latency]);
      result.statuses[response.status] = (result.statuses[response.status] ?? 0) + 1;
      result.encodings[response.encoding] = (result.encodings[response.encoding] ?? 0) + 1;
      result.encodedBytes += response.contentLength;
    } catch {
      result.failed += 1;
    }
  };
  const cpuBefore = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuBefore);
  result.generatorCpuMsPerRequest = result.latencies.length > 0 ? (cpu.user + cpu.system) / 1000 / result.latencies.length : Number.NaN;
  agent.destroy();
  return result;
}

/** What fetch() adds to a request over plain HTTP when the caller does not set the header. */
const FETCH_DEFAULT_HEADERS: Record<string, string> = {
  accept: "*/*",
  "accept-language": "*",
  "sec-fetch-mode": "cors",
  "user-agent": "node",
  "accept-encoding": "gzip, deflate",
};

const DECODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: (body) => zlib.gunzipSync(body),
  "x-gzip": (body) => zlib.gunzipSync(body),
  deflate: (body) => zlib.inflateSync(body),
  br: (body) => zlib.brotliDecompressSync(body),
  identity: (body) => body,
};

/** A request ready to go: the spec with fetch()'s default headers added and its body encoded. */
interface PreparedRequest {
  method: string;
  path: string;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

function prepare(spec: RequestSpec): PreparedRequest {
  const headers: Record<string, string | number> = {};
  const named = new Set<string>();
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    headers[name] = value;
    named.add(name.toLowerCase());
  }
  for (const [name, value] of Object.entries(FETCH_DEFAULT_HEADERS)) if (!named.has(name)) headers[name] = value;
  const body = spec.body === undefined ? null : Buffer.from(spec.body);
  if (body && !named.has("content-length")) headers["content-length"] = body.length;
  return { method: spec.method ?? "GET", path: spec.path, headers, body };
}

/**
 * One request and its whole answer, read and decoded (an encoding it cannot decode, a broken
 * body, a network error or no answer within `timeoutMs` rejects).
 */
function exchange(base: URL, agent: http.Agent, prepared: PreparedRequest, timeoutMs: number): Promise<{ status: number; encoding: string; contentLength: number }> {
  const { method, path, headers, body } = prepared;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: base.hostname, port: base.port, path, method, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          clearTimeout(timer);
          try {
            const encoding = String(response.headers["content-encoding"] ?? "identity").toLowerCase();
            const decode = DECODERS[encoding];
            if (!decode) throw new Error(`cannot decode ${encoding}`);
            decode(Buffer.concat(chunks));
            resolve({ status: response.statusCode ?? 0, encoding, contentLength: Number(response.headers["content-length"] ?? 0) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body ?? undefined);
  });
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

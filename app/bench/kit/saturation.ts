import { runOpenLoop, type LoadPlan, type LoadResult } from "./load-generator";
import type { ServerProcess } from "./server";
import { cpuDelta, cpuTotal } from "./server";
import { distribution, formatDistribution, type Distribution } from "./stats";

/** A measured step: fixed-rate open-loop load from another process, with the server's CPU around it. */
export interface Step {
  rate: number;
  result: LoadResult;
  latency: Distribution;
  /** Server CPU (user + system, all its processes) per answered request, ms. */
  cpuMsPerRequest: number;
  /** Share of one core the server used during the step. */
  serverCores: number;
  achievedRate: number;
}

/** The latency goal that defines saturation: p99 below this many ms. */
export const SATURATION_P99_MS = 100;

export async function measureStep(server: ServerProcess, plan: Omit<LoadPlan, "url">): Promise<Step> {
  const before = await server.cpu();
  const wallStart = performance.now();
  const result = await runOpenLoop({ ...plan, url: server.url });
  const wallMs = performance.now() - wallStart;
  const used = cpuTotal(cpuDelta(await server.cpu(), before));
  const answered = result.latencies.length;
  return {
    rate: plan.rate,
    result,
    latency: distribution(result.latencies),
    cpuMsPerRequest: answered > 0 ? used / answered : Number.NaN,
    serverCores: used / wallMs,
    achievedRate: answered / result.elapsedSeconds,
  };
}

/** A step passes when every request was answered (no network failure or 5xx) and p99 < 100 ms. */
export function stepPasses(step: Step): boolean {
  const serverErrors = Object.entries(step.result.statuses).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
  return step.result.failed === 0 && serverErrors === 0 && step.latency.p99 < SATURATION_P99_MS;
}

export function describeStep(step: Step): string {
  const statuses = Object.entries(step.result.statuses).map(([status, count]) => `${status}×${count}`).join(" ");
  return `${String(step.rate).padStart(5)} req/s → ${step.achievedRate.toFixed(0).padStart(5)}/s  ${formatDistribution(step.latency)}  CPU ${step.cpuMsPerRequest.toFixed(2)} ms/req (${step.serverCores.toFixed(2)} cores; load generator ${step.result.generatorCpuMsPerRequest.toFixed(2)} ms/req)  ${statuses}${step.result.failed ? ` failed×${step.result.failed}` : ""}  ${stepPasses(step) ? "ok" : "saturated"}`;
}

/**
 * Saturation point: runs steps at `start`, start·factor, … (rounded) until a step fails
 * `stepPasses` or `max` is passed, and returns the highest passing rate (null when the first fails).
 * Every step is a fresh open-loop run of `stepSeconds`; requests continue one index sequence.
 */
export async function findSaturation(
  server: ServerProcess,
  plan: Omit<LoadPlan, "url" | "rate" | "seconds">,
  options: { start: number; factor: number; max: number; stepSeconds: number; onStep?: (step: Step) => void },
): Promise<{ saturationRate: number | null; steps: Step[] }> {
  const steps: Step[] = [];
  let saturationRate: number | null = null;
  let firstIndex = plan.firstIndex ?? 0;
  for (let rate = options.start; rate <= options.max; rate = Math.round(rate * options.factor)) {
    const step = await measureStep(server, { ...plan, rate, seconds: options.stepSeconds, firstIndex });
    firstIndex += step.result.sent;
    steps.push(step);
    options.onStep?.(step);
    if (!stepPasses(step)) break;
    saturationRate = rate;
  }
  return { saturationRate, steps };
}

/** Shared benchmark helpers: statistics, options, ports, temp files, servers, open-loop load. */
export { percentile, distribution, formatDistribution, summaryLine, ms, type Distribution } from "./stats";
export { numberOption, stringOption, flag } from "./options";
export { freePort } from "../../testing/free-port";
export { tempDir, type TempDir } from "./temp";
export { startServer, forkWithCpu, ensureProductionBuild, buildForProduction, PRODUCTION_BUNDLES, runScript, bin, cpuDelta, cpuTotal, type ServerProcess, type CpuTime } from "./server";
export { processCpuMs } from "./process-cpu";
export { runOpenLoop, type LoadPlan, type LoadResult, type RequestSpec, type Scenario } from "./load-generator";
export { measureStep, findSaturation, stepPasses, describeStep, SATURATION_P99_MS, type Step } from "./saturation";

import { startCarrierSimulator } from "~/testing/carrier-simulator/server";

/**
 * The carrier simulator in a process of its own, for benchmarks that must not count its CPU as
 * the system's (`fork` it with the CPU reporter preloaded). JOURNEY_START (epoch ms) anchors the
 * simulated journeys. Sends `{ origin }` over IPC once listening; stops on SIGTERM.
 */
const simulator = await startCarrierSimulator({ journeyStart: () => Number(process.env.JOURNEY_START ?? Date.now()) });
process.send?.({ origin: new URL(simulator.baseUrl("fedex")).origin });
process.once("SIGTERM", () => void simulator.close().then(() => process.exit(0)));

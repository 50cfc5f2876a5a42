import cluster from "node:cluster";

/**
 * Preloaded (`node --import`) into a server a benchmark starts with an IPC channel: on the
 * message `{ benchCpu: id }` it answers `{ benchCpu: id, userMicros, systemMicros }`, the
 * process.cpuUsage() of the server, summed over its cluster workers when it runs as several
 * processes. The benchmark takes the difference around a measured step. Not part of the app:
 * only benchmarks load it.
 */
interface CpuQuery {
  benchCpu: number;
}
interface CpuAnswer extends CpuQuery {
  userMicros: number;
  systemMicros: number;
}
const isQuery = (message: unknown): message is CpuQuery => typeof message === "object" && message !== null && "benchCpu" in message && !("userMicros" in message);
const own = (id: number): CpuAnswer => {
  const usage = process.cpuUsage();
  return { benchCpu: id, userMicros: usage.user, systemMicros: usage.system };
};

if (cluster.isPrimary && process.send) {
  process.on("message", (message: unknown) => {
    if (!isQuery(message)) return;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker?.isConnected());
    const total = own(message.benchCpu);
    let pending = workers.length;
    const done = () => process.send!(total);
    if (pending === 0) return done();
    for (const worker of workers) {
      const onAnswer = (answer: unknown) => {
        if (typeof answer !== "object" || answer === null || (answer as CpuAnswer).benchCpu !== message.benchCpu || !("userMicros" in answer)) return;
        worker!.off("message", onAnswer);
        total.userMicros += (answer as CpuAnswer).userMicros;
        total.systemMicros += (answer as CpuAnswer).systemMicros;
        if (--pending === 0) done();
      };
      worker!.on("message", onAnswer);
      worker!.send(message);
    }
  });
  // The IPC channel must not keep a server that is shutting down alive.
  process.channel?.unref();
} else if (cluster.isWorker) {
  process.on("message", (message: unknown) => {
    if (isQuery(message)) process.send!(own(message.benchCpu));
  });
}

import fs from "node:fs";

/**
 * CPU (user + system, ms) a child process has used so far, read from Linux's /proc/<pid>/stat
 * (fields 14 and 15, in clock ticks of 10 ms). For processes a benchmark starts but cannot ask
 * itself (sync workers). NaN where /proc is not available or the process is gone.
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

import { describe, expect, it } from "vitest";
import { UsageError, type CliCommand, type CliIO } from "./command";
import { runCli } from "./run";

function memoryIO(stdin = ""): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => stdin,
  };
  return io;
}

const echo: CliCommand = {
  name: "echo",
  summary: "Print the arguments",
  usage: "Usage: cli echo <words...>",
  async run(args, io) {
    if (args.length === 0) throw new UsageError("nothing to echo");
    io.stdout(`${args.join(" ")}\n`);
    return 0;
  },
};

describe("runCli", () => {
  it("lists commands for --help", async () => {
    const io = memoryIO();
    expect(await runCli(["--help"], io, [echo])).toBe(0);
    expect(io.out).toContain("echo  Print the arguments");
  });

  it("runs a command and returns its exit code", async () => {
    const io = memoryIO();
    expect(await runCli(["echo", "a", "b"], io, [echo])).toBe(0);
    expect(io.out).toBe("a b\n");
  });

  it("prints usage and exits 2 on bad arguments or unknown commands", async () => {
    const io = memoryIO();
    expect(await runCli(["echo"], io, [echo])).toBe(2);
    expect(io.err).toContain("nothing to echo");
    expect(io.err).toContain("Usage: cli echo");
    expect(await runCli(["nope"], io, [echo])).toBe(2);
    expect(io.err).toContain('Unknown command "nope"');
  });

  it("reports failures with exit 1", async () => {
    const failing: CliCommand = { ...echo, run: async () => Promise.reject(new Error("disk full")) };
    const io = memoryIO();
    expect(await runCli(["echo", "x"], io, [failing])).toBe(1);
    expect(io.err).toBe("echo failed: disk full\n");
  });
});

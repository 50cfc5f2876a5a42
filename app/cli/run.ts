import { UsageError, type CliCommand, type CliIO } from "./command";
import { commands as registered } from "./commands/index";

function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  return [
    "Trackline ops CLI",
    "",
    "Usage: npm run --silent cli -- <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `npm run --silent cli -- <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Dispatches argv to a command; returns the exit code (2 = usage error, 1 = failure). */
export async function runCli(argv: string[], io: CliIO, commands: readonly CliCommand[] = registered): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(overview(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${overview(commands)}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    io.stderr(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The contract every ops CLI command implements. Commands get their I/O injected so tests can run them in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (used by commands that accept `-`). */
  readStdin: () => Promise<string>;
  /** The current time; tests pin it. Defaults to the system clock. */
  now?: () => Date;
}

export interface CliCommand {
  name: string;
  /** One line shown in `cli --help`. */
  summary: string;
  /** Full usage shown in `cli <command> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run: (args: string[], io: CliIO) => Promise<number>;
}

/** Thrown for bad arguments; the CLI prints the message and the command's usage and exits 2. */
export class UsageError extends Error {}

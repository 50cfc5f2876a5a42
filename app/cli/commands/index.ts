import type { CliCommand } from "../command";

/** Every ops CLI command, in the order `--help` lists them. */
export const commands: CliCommand[] = [];

import type { CliCommand } from "../command";
import { dbCheckCommand } from "./db-check";

/** Every ops CLI command, in the order `--help` lists them. */
export const commands: CliCommand[] = [dbCheckCommand];
import { detectCommand } from "./detect"; commands.push(detectCommand);

import type { CliCommand } from "../command";
import { dbCheckCommand } from "./db-check";
import { detectCommand } from "./detect";
import { parseCommand } from "./parse";
import { seedDemoCommand } from "./seed-demo";

/** Every ops CLI command, in the order `--help` lists them. */
export const commands: CliCommand[] = [detectCommand, parseCommand, seedDemoCommand, dbCheckCommand];

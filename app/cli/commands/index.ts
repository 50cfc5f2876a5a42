import type { CliCommand } from "~/cli/command";
import { dbCheckCommand } from "./db-check";
import { detectCommand } from "./detect";
import { etaCommand, historyCommand } from "./eta";
import { backfillCommand } from "./backfill";
import { parseCommand } from "./parse";
import { seedDemoCommand } from "./seed-demo";
import { shipmentCommand } from "./shipment";
import { syncCommand } from "./sync";
import { webhooksCommand } from "./webhooks";
import { writeBackCommand } from "./write-back";

/** Every ops CLI command, in the order `--help` lists them. */
export const commands: CliCommand[] = [detectCommand, parseCommand, syncCommand, seedDemoCommand, dbCheckCommand, shipmentCommand, webhooksCommand, backfillCommand, writeBackCommand, etaCommand, historyCommand];

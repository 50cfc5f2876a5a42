import { appEnv } from "~/config/env.server";
import { closeDatabase, database } from "~/data/client.server";
import { migrationStatus } from "~/data/migrations.server";
import type { CliCommand } from "~/cli/command";
import { databaseRowCounts, pingDatabase } from "~/data/health.server";

/** Answers "is this database ready for this build?" — for deploy scripts and support. */
export const dbCheckCommand: CliCommand = {
  name: "db:check",
  summary: "Check the database connection and that every migration is applied",
  usage: `Usage: npm run --silent cli -- db:check [--json]

Connects to DATABASE_URL, compares applied migrations with prisma/ and counts rows.
Exit code 0 when ready, 1 when unreachable or migrations are pending/failed.`,
  async run(args, io) {
    const json = args.includes("--json");
    const url = appEnv().DATABASE_URL;
    const { db, provider } = database();
    try {
      await pingDatabase(db);
      const status = await migrationStatus(db, url);
      const ready = status.pending.length === 0 && status.failed.length === 0;
      const counts = ready ? await databaseRowCounts(db) : null;
      if (json) {
        io.stdout(`${JSON.stringify({ ok: ready, provider, migrations: status, counts })}\n`);
      } else {
        io.stdout(`database: ${provider} (reachable)\n`);
        io.stdout(`migrations: ${status.applied.length} applied, ${status.pending.length} pending, ${status.failed.length} failed\n`);
        for (const name of status.pending) io.stdout(`  pending: ${name}\n`);
        for (const name of status.failed) io.stdout(`  FAILED:  ${name}\n`);
        if (counts) {
          io.stdout(`rows: ${Object.entries(counts).map(([table, count]) => `${table}=${count}`).join(" ")}\n`);
        } else {
          io.stdout("run `npm run setup` to apply the pending migrations\n");
        }
      }
      return ready ? 0 : 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (json) io.stdout(`${JSON.stringify({ ok: false, provider, error: message })}\n`);
      else io.stderr(`database: ${provider} unreachable: ${message}\n`);
      return 1;
    } finally {
      await closeDatabase();
    }
  },
};

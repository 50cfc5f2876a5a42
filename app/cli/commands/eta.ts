import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase, database } from "~/data/client.server";
import { generateHistory, historyCsv } from "~/demo/eta-history";
import { runBacktest, type BacktestReport } from "~/domain/eta/backtest";
import { DeliveryCalendar } from "~/domain/eta/calendar";
import { parseHistoryCsv, type HistoryParseResult } from "~/domain/eta/history";
import { dateHolidaysSource } from "~/services/estimates/holidays";
import { importHistory } from "~/services/estimates/models.server";
import { UsageError, type CliCommand, type CliIO } from "~/cli/command";
import { installedShopDomains } from "~/data/shops.server";
import { deliveryWeekdaysFor } from "~/carriers/delivery-weekdays";

/** The backtest's fields in the order they print. */
export const BACKTEST_FIELDS: readonly (keyof BacktestReport)[] = [
  "rows",
  "train_rows",
  "test_rows",
  "p50_mae_days",
  "p10_p90_coverage",
  "p10_p90_mean_width_days",
  "p90_on_time",
  "p90_mean_padding_days",
  "promised_on_time",
  "promised_mean_padding_days",
  "baseline_p50_mae_days",
  "p50_mae_improvement",
];

export function formatBacktest(report: BacktestReport): string {
  return BACKTEST_FIELDS.filter((field) => report[field] !== undefined)
    .map((field) => `${field}: ${report[field]}\n`)
    .join("");
}

function readHistory(file: string, io: CliIO): HistoryParseResult {
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const parsed = parseHistoryCsv(fs.readFileSync(file, "utf8"));
  if (parsed.rejected.length > 0) {
    const sample = parsed.rejected.slice(0, 5).map((row) => `line ${row.line}: ${row.reason}`).join("; ");
    io.stderr(`skipped ${parsed.rejected.length} line(s): ${sample}${parsed.rejected.length > 5 ? "; …" : ""}\n`);
  }
  return parsed;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const etaCommand: CliCommand = {
  name: "eta",
  summary: "Delivery estimates: backtest on a history CSV, or generate a realistic one",
  usage: `Usage: npm run --silent cli -- eta backtest [--json] [--time-zone <IANA>] <file.csv>
       npm run --silent cli -- eta generate [--rows N] [--seed S] [--start YYYY-MM-DD] [--days N]
                                            [--spread F] [--tails F] [--peak F] <out.csv>

backtest: sorts the deliveries by shipped_at, trains on the first 70 %, then predicts each of the
rest at its shipment time from every delivery made before it (the model updates as time
passes), and prints rows, train_rows, test_rows, p50_mae_days, p10_p90_coverage,
p10_p90_mean_width_days, p90_on_time, p90_mean_padding_days, promised_on_time and
promised_mean_padding_days (when the file has promised_at), and the per-lane median baseline's
baseline_p50_mae_days with the model's p50_mae_improvement over it. Days are shop-local
(--time-zone, UTC by default); business days are the carrier's delivery weekdays minus the
destination's public holidays.
generate: writes a realistic history (China → US, US domestic, intra-EU; default 20000 rows,
shipped over --days 700 from --start 2025-01-06); --spread and --tails multiply every lane's
spread and chance of a long delay (default 1), --peak is the peak season's slow-down (default 1.3).
CSV header: id,ordered_at,shipped_at,delivered_at,promised_at,carrier,origin_country,origin_region,
origin_postal_prefix,destination_country,destination_region,destination_postal_prefix`,
  async run(args, io) {
    const [sub, ...rest] = args;
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          json: { type: "boolean" },
          "time-zone": { type: "string" },
          rows: { type: "string" },
          seed: { type: "string" },
          start: { type: "string" },
          days: { type: "string" },
          spread: { type: "string" },
          tails: { type: "string" },
          peak: { type: "string" },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const [file] = parsed.positionals;
    if (!file || parsed.positionals.length > 1) throw new UsageError("exactly one CSV file is required");
    if (sub === "backtest") {
      const zone = parsed.values["time-zone"] ?? "UTC";
      if (!validTimeZone(zone)) throw new UsageError(`unknown time zone ${zone}`);
      const { rows } = readHistory(file, io);
      if (rows.filter((row) => row.deliveredAtMs !== null).length < 10) {
        io.stderr("a backtest needs at least 10 delivered rows\n");
        return 1;
      }
      const report = runBacktest(rows, new DeliveryCalendar(zone, dateHolidaysSource()), {
        weekdaysOf: (lane) => deliveryWeekdaysFor(lane.carrier, lane.destinationCountry),
      });
      io.stdout(parsed.values.json ? `${JSON.stringify(report)}\n` : formatBacktest(report));
      return 0;
    }
    if (sub === "generate") {
      const count = parsed.values.rows === undefined ? 20_000 : Number(parsed.values.rows);
      const seed = parsed.values.seed === undefined ? 13 : Number(parsed.values.seed);
      if (!Number.isInteger(count) || count < 1 || count > 5_000_000) throw new UsageError("--rows must be 1–5000000");
      if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
      const start = parsed.values.start ?? "2025-01-06";
      const startMs = /^\d{4}-\d{2}-\d{2}$/.test(start) ? Date.parse(`${start}T00:00:00Z`) : Number.NaN;
      if (Number.isNaN(startMs)) throw new UsageError("--start must be a date YYYY-MM-DD");
      const days = parsed.values.days === undefined ? 700 : Number(parsed.values.days);
      if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError("--days must be 1–3650");
      const factor = (name: "spread" | "tails" | "peak", fallback: number) => {
        const value = parsed.values[name] === undefined ? fallback : Number(parsed.values[name]);
        if (!Number.isFinite(value) || value < 0 || value > 5) throw new UsageError(`--${name} must be a number from 0 to 5`);
        return value;
      };
      const history = generateHistory({
        rows: count,
        seed,
        holidays: dateHolidaysSource(),
        startMs,
        spanDays: days,
        spread: factor("spread", 1),
        tails: factor("tails", 1),
        peak: factor("peak", 1.3),
      });
      fs.writeFileSync(file, historyCsv(history));
      io.stdout(`wrote ${count} rows to ${file}\n`);
      return 0;
    }
    throw new UsageError(`unknown eta subcommand ${sub ?? "(none)"}`);
  },
};

export const historyCommand: CliCommand = {
  name: "history",
  summary: "Import past deliveries (CSV) into a shop's delivery-estimate model",
  usage: `Usage: npm run --silent cli -- history import --shop <domain> <file.csv>

Folds every delivered row into the shop's delivery-estimate model, so its estimates are good from
the first parcel (a warm start); rows without delivered_at are skipped. Importing the same file
twice counts its deliveries twice.
CSV header: id,ordered_at,shipped_at,delivered_at,promised_at,carrier,origin_country,origin_region,
origin_postal_prefix,destination_country,destination_region,destination_postal_prefix`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== "import") throw new UsageError(`unknown history subcommand ${sub ?? "(none)"}`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, options: { shop: { type: "string" }, json: { type: "boolean" } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const [file] = parsed.positionals;
    if (!file || parsed.positionals.length > 1) throw new UsageError("exactly one CSV file is required");
    const { db } = database();
    try {
      const shop = parsed.values.shop ?? (await installedShopDomains(db, 2));
      if (Array.isArray(shop) && shop.length !== 1) throw new UsageError("--shop <domain> is required (the database has zero or several shops)");
      const domain = Array.isArray(shop) ? shop[0]! : shop;
      const { rows, rejected } = readHistory(file, io);
      const result = await importHistory(db, domain, rows, { now: new Date() });
      const summary = { shop: domain, imported: result.imported, without_delivery: result.skipped, rejected: rejected.length, model_observations: result.observations };
      io.stdout(
        parsed.values.json
          ? `${JSON.stringify(summary)}\n`
          : `${domain}: imported ${result.imported} deliveries (${result.skipped} rows without delivered_at, ${rejected.length} rejected); the model now holds ${result.observations}\n`,
      );
      return 0;
    } finally {
      await closeDatabase();
    }
  },
};

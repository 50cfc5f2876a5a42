import { closeDatabase, database } from "../../data/client.server";
import { writeDemoShop } from "../../data/demo-seed.server";
import { buildDemoShop } from "../../demo/demo-data";
import { UsageError, type CliCommand } from "../command";

/** The instant the demo data describes: the current hour, so one seed gives one shop per hour. */
export function demoAnchor(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}

export const seedDemoCommand: CliCommand = {
  name: "seed-demo",
  summary: "Replace the demo shop's data with a deterministic, realistic order history",
  usage: `Usage: npm run --silent cli -- seed-demo [--seed N] [--orders N] [--now ISO] [--json]

Writes the demo shop (trackline-demo.myshopify.com) into DATABASE_URL: orders across
carriers, countries and statuses, with carrier events as the simulated carriers report them.
--seed    deterministic seed (default 42)
--orders  number of orders (default 520)
--now     the instant the data describes (default: the start of the current hour)`,
  async run(args, io) {
    const option = (name: string) => {
      const index = args.indexOf(name);
      return index >= 0 ? args[index + 1] : undefined;
    };
    const seed = Number(option("--seed") ?? 42);
    const orders = Number(option("--orders") ?? 520);
    const nowText = option("--now");
    const now = nowText ? new Date(nowText) : demoAnchor(new Date());
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
    if (!Number.isInteger(orders) || orders < 1 || orders > 100_000) throw new UsageError("--orders must be 1–100000");
    if (Number.isNaN(now.getTime())) throw new UsageError("--now must be an ISO date");
    const shop = buildDemoShop({ now, seed, orders });
    try {
      const written = await writeDemoShop(database().db, shop);
      const result = { shop: shop.domain, orders: shop.orderCount, ...written, now: now.toISOString(), seed };
      io.stdout(
        args.includes("--json")
          ? `${JSON.stringify(result)}\n`
          : `Seeded ${result.shop}: ${result.orders} orders, ${result.shipments} shipments, ${result.events} carrier events, ${result.lookups} lookups (seed ${seed}, as of ${result.now})\n`,
      );
      return 0;
    } finally {
      await closeDatabase();
    }
  },
};

import type { Db } from "~/data/db.server";
import { deliveredReturnSamples, returnParcelCounts } from "~/data/returns.server";
import { returnTransitTimes } from "~/domain/returns";
import { periodBetween, type Period } from "./period";

/**
 * The dashboard's returns figures: return parcels on their way back now, and transit times (P50 /
 * P90 calendar days, overall, by carrier and by lane) of the returns delivered in the period.
 */
export async function returnTransitSummary(db: Db, shopDomain: string, period: Pick<Period, "fromDate" | "toDate" | "timeZone">) {
  const { start, end } = periodBetween(period.fromDate, period.toDate, period.timeZone);
  const [samples, counts] = await Promise.all([deliveredReturnSamples(db, shopDomain, start, end), returnParcelCounts(db, shopDomain)]);
  return { inTransit: counts.onTheWay, ...returnTransitTimes(samples) };
}

export type ReturnTransitSummary = Awaited<ReturnType<typeof returnTransitSummary>>;

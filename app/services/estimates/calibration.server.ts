import type { Db } from "~/data/db.server";
import { deliveredWithEstimates, loadEstimateModels } from "~/data/estimates.server";
import { calibrate, type ErrorHistogram, type LaneCalibration } from "~/domain/eta/calibration";
import { EtaModel, chooseEstimateSource, type EtaModelJson, type SourceChoice } from "~/domain/eta/model";
import { findShopTimezone } from "~/data/shops.server";

/** The "Delivery estimates" admin page: calibration of both estimates per carrier and lane, and why shoppers see which. */
export interface EstimatesPage {
  days: number;
  model: { observations: number; refreshedAt: string | null; lanes: number };
  overall: LaneCalibration;
  lanes: (LaneCalibration & { choice: SourceChoice | null })[];
  histogram: ErrorHistogram;
}

export async function loadEstimatesPage(db: Db, shopDomain: string, options: { now: Date; days?: number }): Promise<EstimatesPage> {
  const days = options.days ?? 90;
  const shop = await findShopTimezone(db, shopDomain);
  const timeZone = shop?.timezone ?? "UTC";
  const since = new Date(options.now.getTime() - days * 86_400_000);
  const [rows, stored] = await Promise.all([
    deliveredWithEstimates(db, shopDomain, since, options.now),
    loadEstimateModels(db, [shopDomain]),
  ]);
  const row = stored.get(shopDomain);
  const model = row ? EtaModel.fromJSON(JSON.parse(row.modelJson) as EtaModelJson) : null;
  const { lanes, overall, histogram } = calibrate(rows, timeZone);
  return {
    days,
    model: {
      observations: row?.observations ?? 0,
      refreshedAt: row?.refreshedAt.toISOString() ?? null,
      lanes: model ? [...model.transit.keys()].filter((key) => key.startsWith("label#") && key.split("|").length === 5).length : 0,
    },
    overall,
    lanes: lanes.map((lane) => {
      const [origin, destination] = lane.lane.split(" → ");
      const laneKey = { carrier: lane.carrier, originCountry: origin === "?" ? null : origin, destinationCountry: destination === "?" ? null : destination };
      return { ...lane, choice: model ? chooseEstimateSource(model, laneKey, true) : null };
    }),
    histogram,
  };
}

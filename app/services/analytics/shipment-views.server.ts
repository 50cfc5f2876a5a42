import type { Db } from "../../data/db.server";
import type { ProofOfDeliveryView } from "@trackline/shared";
import { findProofOfDelivery } from "../../data/proof-of-delivery.server";
import { proofOfDeliveryView } from "../tracking-lookup/parcel-view";
import { findShopSettings } from "../../data/shop-settings.server";
import {
  countShipmentsByStatus,
  findShipmentDetail,
  listShipments,
  shipmentFacets,
  shipmentIdsOfShop,
  type ShipmentDetail,
  type ShipmentPage,
} from "../../data/shipments.server";
import { createShopperLinkToken, SHOPPER_LINK_LIFETIME_MS, shopperLinkUrl } from "../shopper-links/token";
import { mappingRuleFor, type MappingRule } from "./mapping-rules";
import { parseShipmentQuery, toShipmentFilter, type ShipmentQuery } from "./shipment-filter";

/**
 * The shipments list and shipment page use cases. The list reads the same filter vocabulary as
 * the dashboard's links and the CSV export (shipment-filter.ts), so all three agree on "which
 * shipments".
 */
export interface ShipmentListView {
  query: ShipmentQuery;
  errors: string[];
  page: ShipmentPage;
  statusCounts: Record<string, number>;
  facets: { carriers: string[]; destinationCountries: string[] };
  timeZone: string;
}

export const PAGE_SIZE = 50;

/**
 * The filter choices (carriers and countries the shop ships with) need a scan of every shipment
 * of the shop; they change rarely, so each process keeps them for a few minutes.
 */
const FACETS_TTL_MS = 5 * 60_000;
const facetsCache = new Map<string, { at: number; facets: Promise<ShipmentListView["facets"]> }>();

function cachedFacets(db: Db, shopDomain: string): Promise<ShipmentListView["facets"]> {
  const cached = facetsCache.get(shopDomain);
  if (cached && Date.now() - cached.at < FACETS_TTL_MS) return cached.facets;
  const facets = shipmentFacets(db, shopDomain);
  facetsCache.set(shopDomain, { at: Date.now(), facets });
  facets.catch(() => facetsCache.delete(shopDomain));
  return facets;
}

export async function loadShipmentList(db: Db, shopDomain: string, search: URLSearchParams): Promise<ShipmentListView> {
  const settings = await findShopSettings(db, shopDomain);
  const { query, errors } = parseShipmentQuery(search);
  const filter = toShipmentFilter(query, settings.timezone);
  // The status counts group exactly the rows of the filter, so their sum is the list's total: one
  // counting pass over the shop's index instead of two.
  const [page, statusCounts, facets] = await Promise.all([
    listShipments(db, shopDomain, { limit: PAGE_SIZE, after: search.get("after"), filter, sort: query.sort, withTotal: false }),
    countShipmentsByStatus(db, shopDomain, filter),
    cachedFacets(db, shopDomain),
  ]);
  const total = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { query, errors, page: { ...page, total }, statusCounts, facets, timeZone: settings.timezone };
}

/** The shop's export filter from the list's query string (invalid parts dropped, as in the list). */
export async function exportFilterOf(db: Db, shopDomain: string, search: URLSearchParams) {
  const settings = await findShopSettings(db, shopDomain);
  return toShipmentFilter(parseShipmentQuery(search).query, settings.timezone);
}

export type ShipmentPageView = ShipmentDetail & {
  events: (ShipmentDetail["events"][number] & { rule: MappingRule })[];
  proofOfDelivery: ProofOfDeliveryView | null;
  shopperLink: string;
  timeZone: string;
};

export async function loadShipmentPage(
  db: Db,
  shopDomain: string,
  shipmentId: string,
  options: { linkKey: Buffer; now: Date },
): Promise<ShipmentPageView | null> {
  const [detail, settings, pod] = await Promise.all([
    findShipmentDetail(db, shopDomain, shipmentId),
    findShopSettings(db, shopDomain),
    findProofOfDelivery(db, shopDomain, shipmentId),
  ]);
  if (!detail) return null;
  const token = createShopperLinkToken(
    { shop: shopDomain, shipmentId, expiresAt: new Date(options.now.getTime() + SHOPPER_LINK_LIFETIME_MS) },
    options.linkKey,
  );
  return {
    ...detail,
    events: detail.events.map((event) => ({
      ...event,
      rule: mappingRuleFor(detail.carrier, event.carrierCode, event.status, event.subStatus),
    })),
    shopperLink: shopperLinkUrl(shopDomain, token),
    timeZone: settings.timezone,
    proofOfDelivery: proofOfDeliveryView(pod),
  };
}

export interface ResyncOutcome {
  requested: number;
  synced: number;
  changed: number;
  failed: { shipmentId: string; message: string }[];
}

export type SyncNow = (db: Db, shipmentId: string) => Promise<{ status: string; changed: boolean }>;

/**
 * "Resync now" for one or many shipments (bulk action): only the shop's own ids are synced, one
 * after another so a bulk resync cannot stampede a carrier's quota; one failure does not stop
 * the rest.
 */
export async function resyncShipments(db: Db, shopDomain: string, ids: readonly string[], syncNow: SyncNow): Promise<ResyncOutcome> {
  const unique = [...new Set(ids)].slice(0, 250);
  const owned = await shipmentIdsOfShop(db, shopDomain, unique);
  const outcome: ResyncOutcome = { requested: unique.length, synced: 0, changed: 0, failed: [] };
  for (const shipmentId of owned) {
    try {
      const result = await syncNow(db, shipmentId);
      outcome.synced += 1;
      if (result.changed) outcome.changed += 1;
    } catch (error) {
      outcome.failed.push({ shipmentId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const foreign = unique.length - owned.length;
  if (foreign > 0) outcome.failed.push({ shipmentId: "", message: `${foreign} shipment(s) not found in this shop` });
  return outcome;
}

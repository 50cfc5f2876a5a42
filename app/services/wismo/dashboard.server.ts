import type { Db } from "~/data/db.server";
import {
  countShopperLookups,
  inquiriesBetween,
  listInquiries,
  ordersShippedBetween,
  ordersWithInquiries,
  sealedMessagesOf,
  type StoredInquiry,
} from "~/data/inquiries.server";
import { findShopSettings } from "~/data/shop-settings.server";
import { buildWismoReport, type WismoReport } from "~/domain/wismo/report";
import { localDateOf } from "~/domain/zoned-time";
import { addDays, periodFromSearch, type Period } from "~/services/analytics/period";
import { holdoutOf, HELPDESK_KINDS, loadWismoSettings, openMessage, type HelpdeskKind } from "./settings.server";

/** The WISMO page: the period's report, the latest inquiries (the worklist) and the settings. */
export interface WismoDashboard {
  period: Omit<Period, "start" | "end"> & { start: string; end: string };
  report: WismoReport;
  /** Newest inquiries, with the shopper's message when the merchant keeps messages. */
  recent: (Omit<StoredInquiry, "createdAt"> & { createdAt: string; message: string | null })[];
  settings: {
    holdoutEnabled: boolean;
    holdoutPercent: number;
    holdoutStartedAt: string | null;
    keepMessages: boolean;
    helpdesks: Record<HelpdeskKind, boolean>;
  };
}

export async function loadWismoDashboard(
  db: Db,
  shopDomain: string,
  options: { search: URLSearchParams; now: Date; credentialsKey?: string | undefined },
): Promise<WismoDashboard> {
  const [shop, settings] = await Promise.all([findShopSettings(db, shopDomain), loadWismoSettings(db, shopDomain)]);
  const period = periodFromSearch(options.search, options.now, shop.timezone);
  const [inquiries, orders, lookups, recent] = await Promise.all([
    inquiriesBetween(db, shopDomain, period.start, period.end),
    ordersShippedBetween(db, shopDomain, period.start, period.end),
    countShopperLookups(db, shopDomain, period.start, period.end),
    listInquiries(db, shopDomain, { limit: 25 }),
  ]);
  const asked = await ordersWithInquiries(db, shopDomain, orders.map((order) => order.orderId));
  const sealed = options.credentialsKey ? await sealedMessagesOf(db, shopDomain, recent.filter((row) => row.messageKept).map((row) => row.id)) : new Map<string, string>();
  const messageOf = (id: string): string | null => {
    const value = sealed.get(id);
    if (!value || !options.credentialsKey) return null;
    try {
      return openMessage(value, options.credentialsKey, shopDomain);
    } catch {
      // Sealed under another key (rotated): shown as kept but unreadable.
      return null;
    }
  };
  const dates: string[] = [];
  for (let date = period.fromDate; date <= period.toDate; date = addDays(date, 1)) dates.push(date);
  const startedAt = settings.holdoutStartedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const report = buildWismoReport({
    dates,
    inquiries: inquiries.map((inquiry) => ({ ...inquiry, date: localDateOf(inquiry.createdAt.getTime(), period.timeZone) })),
    orders: orders.map((order) => ({
      orderId: order.orderId,
      date: localDateOf(order.firstShipmentAt.getTime(), period.timeZone),
      inExperiment: order.firstShipmentAt.getTime() >= startedAt,
    })),
    ordersWithInquiry: asked,
    holdout: holdoutOf(settings),
    minutesPerInquiry: shop.supportMinutesPerInquiry,
    shopperLookups: lookups,
  });
  return {
    period: { ...period, start: period.start.toISOString(), end: period.end.toISOString() },
    report,
    recent: recent.map((inquiry) => ({ ...inquiry, createdAt: inquiry.createdAt.toISOString(), message: messageOf(inquiry.id) })),
    settings: {
      holdoutEnabled: settings.holdoutEnabled,
      holdoutPercent: settings.holdoutPercent,
      holdoutStartedAt: settings.holdoutStartedAt?.toISOString() ?? null,
      keepMessages: settings.keepMessages,
      helpdesks: Object.fromEntries(
        HELPDESK_KINDS.map((kind) => [kind, Boolean(kind === "gorgias" ? settings.gorgiasSecretSealed : kind === "zendesk" ? settings.zendeskSecretSealed : settings.apiSecretSealed)]),
      ) as Record<HelpdeskKind, boolean>,
    },
  };
}

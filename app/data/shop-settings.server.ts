import type { Db } from "./db.server";
import { rawReaderOf } from "./raw-reads.server";
import { trackingPageSettingsOf, type TrackingPageSettings } from "./tracking-views.server";

/** The merchant-editable settings of a shop (Settings page), as stored. */
export interface ShopSettingsRecord {
  domain: string;
  name: string | null;
  timezone: string;
  writeBackEnabled: boolean;
  supportMinutesPerInquiry: number;
  brandAccentColor: string | null;
  brandLogoUrl: string | null;
  /** Locale codes, the first is the tracking page's default. */
  locales: string[];
  trackingRulesJson: string;
  /** The long-tail aggregator the shop chose; null = the default. */
  longTailAggregator: string | null;
  aggregatorQuotaExhausted: string | null;
  aggregatorQuotaExhaustedAt: Date | null;
  /** The tracking page's branding as JSON (read with parseBranding). */
  trackingPageJson: string;
}

const settingsSelect = {
  domain: true,
  name: true,
  timezone: true,
  writeBackEnabled: true,
  supportMinutesPerInquiry: true,
  brandAccentColor: true,
  brandLogoUrl: true,
  locales: true,
  trackingRulesJson: true,
  longTailAggregator: true,
  aggregatorQuotaExhausted: true,
  aggregatorQuotaExhaustedAt: true,
  trackingPageJson: true,
} as const;

/** A shop's settings; a shop the admin opens before the install webhook landed gets its row now. */
export async function findShopSettings(db: Db, domain: string): Promise<ShopSettingsRecord> {
  const row = await db.shop.upsert({ where: { domain }, create: { domain }, update: {}, select: settingsSelect });
  return { ...row, locales: row.locales.split(",").filter(Boolean) };
}

export interface ShopSettingsUpdate {
  writeBackEnabled?: boolean;
  supportMinutesPerInquiry?: number;
  brandAccentColor?: string | null;
  brandLogoUrl?: string | null;
  locales?: readonly string[];
  trackingRulesJson?: string;
  longTailAggregator?: string | null;
  trackingPageJson?: string;
}

export async function updateShopSettings(db: Db, domain: string, update: ShopSettingsUpdate): Promise<void> {
  const { locales, ...rest } = update;
  await db.shop.upsert({
    where: { domain },
    create: { domain, ...rest, ...(locales ? { locales: locales.join(",") } : {}) },
    update: { ...rest, ...(locales ? { locales: locales.join(",") } : {}) },
  });
}

/** The shop's newest tracking number on a carrier (what "test credentials" tracks by default). */
export async function latestTrackingNumber(db: Db, shopDomain: string, carrier: string): Promise<string | null> {
  const row = await db.shipment.findFirst({
    where: { shopDomain, carrier },
    orderBy: { createdAt: "desc" },
    select: { trackingNumber: true },
  });
  return row?.trackingNumber ?? null;
}

/** What the storefront tracking page needs beyond the shop's presentation: its branding and logo. */
export async function findTrackingPageSettings(db: Db, domain: string): Promise<TrackingPageSettings | null> {
  const row = await rawReaderOf(db).first(
    `SELECT s."trackingPageJson", l."sha256", l."contentType" FROM "Shop" s LEFT JOIN "ShopLogo" l ON l."shopDomain" = s."domain" WHERE s."domain" = ?`,
    [domain],
  );
  return row ? trackingPageSettingsOf(row) : null;
}

import type { Db } from "./db.server";

/** What the setup guide reads about one shop: each step's real state, in one query per table. */
export interface SetupState {
  carrierAccounts: number;
  longTailAggregator: string | null;
  writeBackEnabled: boolean;
  /** "{}" until the notification settings were saved once. */
  notificationSettingsJson: string;
  notificationsReviewedAt: Date | null;
  themeBlockConfirmedAt: Date | null;
  guideHiddenAt: Date | null;
  backfillStatus: string;
  backfillImported: number;
  backfillTotal: number | null;
}

export async function loadSetupState(db: Db, shopDomain: string): Promise<SetupState | null> {
  const [shop, carrierAccounts] = await Promise.all([
    db.shop.findUnique({
      where: { domain: shopDomain },
      select: {
        longTailAggregator: true,
        writeBackEnabled: true,
        notificationSettingsJson: true,
        setupNotificationsReviewedAt: true,
        setupThemeBlockConfirmedAt: true,
        setupGuideHiddenAt: true,
        backfillStatus: true,
        backfillImported: true,
        backfillTotal: true,
      },
    }),
    db.carrierAccount.count({ where: { shopDomain } }),
  ]);
  if (!shop) return null;
  return {
    carrierAccounts,
    longTailAggregator: shop.longTailAggregator,
    writeBackEnabled: shop.writeBackEnabled,
    notificationSettingsJson: shop.notificationSettingsJson,
    notificationsReviewedAt: shop.setupNotificationsReviewedAt,
    themeBlockConfirmedAt: shop.setupThemeBlockConfirmedAt,
    guideHiddenAt: shop.setupGuideHiddenAt,
    backfillStatus: shop.backfillStatus,
    backfillImported: shop.backfillImported,
    backfillTotal: shop.backfillTotal,
  };
}

export type SetupMark = "themeBlockConfirmed" | "notificationsReviewed" | "guideHidden" | "guideShown";

/** Records what the merchant told the guide. Returns false when the shop does not exist. */
export async function markSetup(db: Db, shopDomain: string, mark: SetupMark, now: Date): Promise<boolean> {
  const data =
    mark === "themeBlockConfirmed"
      ? { setupThemeBlockConfirmedAt: now }
      : mark === "notificationsReviewed"
        ? { setupNotificationsReviewedAt: now }
        : mark === "guideHidden"
          ? { setupGuideHiddenAt: now }
          : { setupGuideHiddenAt: null };
  const result = await db.shop.updateMany({ where: { domain: shopDomain }, data });
  return result.count === 1;
}

import type { Db } from "./db.server";

/** The outbox subject of a shop's digest for one local day: one per shop and day, whoever records it. */
export const digestSubject = (day: string) => `digest:${day}`;

/** The merchant alert moments recorded in the outbox (not shopper moments). */
export const MERCHANT_DIGEST_MOMENT = "merchant_digest";

/** Shops that may get a digest: installed, with their notification settings, zone and SMTP. */
export async function digestShops(db: Db) {
  return db.shop.findMany({
    where: { uninstalledAt: null },
    select: { domain: true, timezone: true, notificationSettingsJson: true, smtpSealed: true },
  });
}

/**
 * Records a shop's digest for a local day with its outbox row, in one transaction. The unique
 * (shop, subject, moment) index makes a second recorder (another worker) a no-op: returns false.
 */
export async function recordDigest(db: Db, entry: { shopDomain: string; day: string; occurredAt: Date; now: Date }): Promise<boolean> {
  const subjectKey = digestSubject(entry.day);
  try {
    await db.$transaction(async (tx) => {
      const moment = await tx.shipmentMoment.create({
        data: {
          shopDomain: entry.shopDomain,
          subjectKey,
          shipmentId: null,
          orderId: subjectKey,
          moment: MERCHANT_DIGEST_MOMENT,
          occurredAt: entry.occurredAt,
          status: "digest",
          createdAt: entry.now,
        },
        select: { id: true },
      });
      await tx.notification.create({
        data: {
          shopDomain: entry.shopDomain,
          momentId: moment.id,
          orderId: subjectKey,
          shipmentId: null,
          channel: "merchant",
          moment: MERCHANT_DIGEST_MOMENT,
          nextAttemptAt: entry.now,
          createdAt: entry.now,
        },
      });
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

export interface DigestCounts {
  exceptions: number;
  late: number;
  stalled: number;
  returns: number;
  failedNotifications: number;
}

/**
 * What a digest reports for [since, until): exceptions, stalls and returns Trackline noticed
 * (moments recorded), parcels whose promised window ended unmet (now late), and messages that
 * failed for good (merchant alerts themselves excluded).
 */
export async function digestCounts(db: Db, shopDomain: string, since: Date, until: Date): Promise<DigestCounts> {
  const window = { gte: since, lt: until };
  const moments = await db.shipmentMoment.groupBy({
    by: ["moment"],
    where: { shopDomain, moment: { in: ["exception", "stalled", "returning"] }, createdAt: window },
    _count: { _all: true },
  });
  const count = (name: string) => moments.find((row) => row.moment === name)?._count._all ?? 0;
  const [late, failedNotifications] = await Promise.all([
    db.shipment.count({ where: { shopDomain, late: true, shownEstimateEnd: window } }),
    db.notification.count({ where: { shopDomain, state: "failed", channel: { not: "merchant" }, updatedAt: window } }),
  ]);
  return { exceptions: count("exception"), late, stalled: count("stalled"), returns: count("returning"), failedNotifications };
}

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
  return recordMerchantMoment(db, { shopDomain: entry.shopDomain, subjectKey: digestSubject(entry.day), moment: MERCHANT_DIGEST_MOMENT, status: "digest", reason: null, occurredAt: entry.occurredAt, now: entry.now });
}

/** The outbox subject of the alert about one customer inquiry. */
export const inquirySubject = (inquiryId: string) => `inquiry:${inquiryId}`;

/** The merchant alert about one customer inquiry. */
export const MERCHANT_INQUIRY_MOMENT = "merchant_inquiry";

/**
 * Records the team's alert about one inquiry with its outbox row, in one transaction; idempotent
 * by the same unique index (a second call for the inquiry returns false). The moment keeps the
 * inquiry's reason and the parcel's status at the time.
 */
export async function recordInquiryAlert(
  db: Db,
  entry: { shopDomain: string; inquiryId: string; reason: string; parcelStatus: string | null; occurredAt: Date; now: Date },
): Promise<boolean> {
  return recordMerchantMoment(db, {
    shopDomain: entry.shopDomain,
    subjectKey: inquirySubject(entry.inquiryId),
    moment: MERCHANT_INQUIRY_MOMENT,
    status: entry.parcelStatus ?? "unknown",
    reason: entry.reason,
    occurredAt: entry.occurredAt,
    now: entry.now,
  });
}

async function recordMerchantMoment(
  db: Db,
  entry: { shopDomain: string; subjectKey: string; moment: string; status: string; reason: string | null; occurredAt: Date; now: Date },
): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      const moment = await tx.shipmentMoment.create({
        data: {
          shopDomain: entry.shopDomain,
          subjectKey: entry.subjectKey,
          shipmentId: null,
          orderId: entry.subjectKey,
          moment: entry.moment,
          occurredAt: entry.occurredAt,
          status: entry.status,
          reason: entry.reason,
          createdAt: entry.now,
        },
        select: { id: true },
      });
      await tx.notification.create({
        data: {
          shopDomain: entry.shopDomain,
          momentId: moment.id,
          orderId: entry.subjectKey,
          shipmentId: null,
          channel: "merchant",
          moment: entry.moment,
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

/** A shop's notification settings and whether it has SMTP, for deciding on an inquiry alert. */
export async function merchantAlertShop(db: Db, shopDomain: string) {
  return db.shop.findUnique({ where: { domain: shopDomain }, select: { notificationSettingsJson: true, smtpSealed: true, uninstalledAt: true } });
}

/**
 * What an inquiry alert says: the reason, the source, the parcel's status and carrier at the
 * time and the order's name. Never the shopper's message or contact details.
 */
export async function inquiryForAlert(db: Db, shopDomain: string, inquiryId: string) {
  const inquiry = await db.inquiry.findFirst({
    where: { id: inquiryId, shopDomain },
    select: { id: true, orderId: true, source: true, reason: true, parcelStatus: true, carrier: true },
  });
  if (!inquiry) return null;
  const shipment = inquiry.orderId
    ? await db.shipment.findFirst({ where: { shopDomain, orderId: inquiry.orderId }, orderBy: { createdAt: "asc" }, select: { orderName: true } })
    : null;
  return { ...inquiry, orderName: shipment?.orderName ?? null };
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

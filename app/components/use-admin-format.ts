import { DISPUTE_REASONS } from "~/domain/dispute-reasons";
import { carrierDisplayName } from "~/domain/tracking-number/carrier-names";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import { useAdminIntl } from "~/i18n/use-admin-intl";

/** Sources of tracking data that are not carriers of their own, written as their makers write them. */
const SOURCE_NAMES: Readonly<Record<string, string>> = { seventeen_track: "17TRACK", aftership: "AfterShip" };

const STATUS_KEYS = new Set([
  "pending", "info_received", "picked_up", "in_transit", "out_for_delivery", "available_for_pickup", "attempt_failed", "delayed",
  "exception", "returning", "returned", "delivered", "cancelled", "expired", "invalid", "unknown",
]);
const ATTENTION_KEYS = new Set(["stalled", "late", "exception", "invalid", "not_picked_up"]);
const DISPUTE_STATUSES = new Set(["needs_response", "under_review", "charge_refunded", "accepted", "won", "lost"]);

/**
 * Labels, dates and numbers for the admin pages in the staff member's locale (react-intl's
 * formatters over Intl, so digits, separators, months and plural rules follow the locale).
 */
export function useAdminFormat() {
  const { t, intl } = useAdminIntl();
  const none = "—";
  return {
    t,
    intl,
    statusLabel: (status: string) => (STATUS_KEYS.has(status) ? t(`status.${status}` as "status.pending") : status),
    attentionLabel: (kind: string) => (ATTENTION_KEYS.has(kind) ? t(`status.attention_${kind}` as "status.attention_late") : kind),
    /** A carrier's proper name; a code nobody knows is shown as stored, or the name Shopify gave. */
    carrierLabel: (code: string | null, declaredName?: string | null) =>
      code ? (SOURCE_NAMES[code] ?? carrierDisplayName(code) ?? declaredName ?? code) : (declaredName ?? t("status.unresolvedCarrier")),
    formatDate: (iso: string | null, timeZone = "UTC") => (iso ? intl.formatDate(iso, { dateStyle: "medium", timeZone }) : none),
    /** Date and time with the zone's name, so a support agent knows which clock it is. */
    formatDateTime: (iso: string | null, timeZone = "UTC") =>
      iso ? intl.formatDate(iso, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }) : none,
    formatPercent: (value: number | null) => (value === null ? none : intl.formatNumber(value, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })),
    formatCount: (value: number) => intl.formatNumber(value),
    /** A message's moment, channel and state as the notifications page words them; a code this version does not know is shown as stored. */
    messageLabels: (message: { moment: string; channel: string; state: string }) => {
      const known = (id: string) => (intl.messages[id] ? t(id as AdminMessageKey) : null);
      // The team's own emails from the worklist are named by their template.
      const support = /^support_(.+)$/.exec(message.moment)?.[1];
      return {
        moment: known(`notifications.moment_${message.moment}`) ?? (support ? known(`worklist.template_${support}`) : null) ?? message.moment,
        channel: known(`notifications.channel_${message.channel}`) ?? message.channel,
        state: known(`notifications.state_${message.state}`) ?? message.state,
      };
    },
    /** A Shopify Payments dispute's reason; one Shopify adds later is shown as sent. */
    disputeReasonLabel: (reason: string) =>
      (DISPUTE_REASONS as readonly string[]).includes(reason) ? t(`worklist.disputeReason.${reason}` as "worklist.disputeReason.general") : t("worklist.disputeReason.other", { reason }),
    disputeStatusLabel: (status: string) =>
      DISPUTE_STATUSES.has(status) ? t(`worklist.disputeStatus.${status}` as "worklist.disputeStatus.won") : t("worklist.disputeStatus.other", { status }),
    /** An amount in its currency ("$12.50", "12,50 €"); without a currency, the number alone. */
    formatMoney: (amount: string | number | null, currency: string | null) => {
      if (amount === null || amount === "") return none;
      const value = Number(amount);
      if (!Number.isFinite(value)) return String(amount);
      return currency && /^[A-Z]{3}$/.test(currency) ? intl.formatNumber(value, { style: "currency", currency }) : intl.formatNumber(value);
    },
    formatDays: (value: number | null) => (value === null ? none : t("status.days", { days: value })),
  };
}

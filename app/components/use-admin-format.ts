import { carrierDisplayName } from "~/domain/tracking-number/carrier-names";
import { useAdminIntl } from "~/i18n/use-admin-intl";

/** Sources of tracking data that are not carriers of their own, written as their makers write them. */
const SOURCE_NAMES: Readonly<Record<string, string>> = { seventeen_track: "17TRACK", aftership: "AfterShip" };

const STATUS_KEYS = new Set([
  "pending", "info_received", "picked_up", "in_transit", "out_for_delivery", "available_for_pickup", "attempt_failed", "delayed",
  "exception", "returning", "returned", "delivered", "cancelled", "expired", "invalid", "unknown",
]);
const ATTENTION_KEYS = new Set(["stalled", "late", "exception", "invalid", "not_picked_up"]);

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
    formatDays: (value: number | null) => (value === null ? none : t("status.days", { days: value })),
  };
}

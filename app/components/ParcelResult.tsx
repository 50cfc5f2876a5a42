import type { ParcelResync } from "~/services/shipments/resync.server";
import { useAdminFormat } from "./use-admin-format";

/** One parcel's resync result in the staff member's words: new events, no news, or the failure and why. */
export function useParcelResultText() {
  const { t, carrierLabel } = useAdminFormat();
  return (outcome: ParcelResync["outcome"]): string => {
    switch (outcome.kind) {
      case "new_events":
        return outcome.newEvents > 0 ? t("shipments.outcomeNewEvents", { count: outcome.newEvents }) : t("shipments.outcomeStatusChanged");
      case "no_news":
        return t("shipments.outcomeNoNews");
      case "failed": {
        const text = t(`shipments.reason_${outcome.reason}`, { carrier: carrierLabel(outcome.carrier) });
        return outcome.detail ? `${text} (${outcome.detail})` : text;
      }
    }
  };
}

export function ParcelResult({ parcel }: { parcel: ParcelResync }) {
  const text = useParcelResultText();
  const { t } = useAdminFormat();
  return <>{t("shipments.parcelResult", { order: parcel.orderName, tracking: parcel.trackingNumber, result: text(parcel.outcome) })}</>;
}

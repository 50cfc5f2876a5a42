import type { CustomerTrackingApi } from "./tracking-api";
import { useTracking } from "./useTracking";

/**
 * "2 of 3 parcels delivered" for orders shipped in several parcels, with what the order still
 * waits on. Single-parcel orders need no summary: the parcel's own timeline says it all.
 */
export function OrderSummaryView({ api }: { api: CustomerTrackingApi }) {
  const { state } = useTracking(api, null);
  const { translate } = api;
  if (state.phase === "loading" || !state.result.ok) return null;
  const { summary, parcels } = state.result.data;
  if (summary.total < 2) return null;
  const waitingOn = parcels.find((parcel) => parcel.status === summary.slowestStatus);
  const allDelivered = summary.delivered === summary.total;
  return (
    <s-section heading={translate("summary.heading")}>
      <s-stack direction="block" gap="small-200">
        <s-text type="strong">{translate("summary.delivered", { delivered: summary.delivered, count: summary.total })}</s-text>
        <s-progress value={summary.delivered} max={summary.total} accessibilityLabel={translate("summary.progress")} />
        {!allDelivered && waitingOn && <s-text color="subdued">{translate("summary.waitingOn", { status: waitingOn.statusLabel })}</s-text>}
        {summary.needsAttention > 0 && (
          <s-text tone="warning">{translate("summary.attention", { count: summary.needsAttention })}</s-text>
        )}
      </s-stack>
    </s-section>
  );
}

import { statusTone } from "@trackline/shared";
import { NeedHelp } from "./NeedHelp";
import { ParcelTimeline } from "./ParcelTimeline";
import type { CustomerTrackingApi } from "./tracking-api";
import { useTracking } from "./useTracking";

/**
 * The per-fulfillment timeline. Parcels Trackline does not track render nothing (Shopify's own
 * card still shows); sign-in and outages get a short message instead of an empty box.
 */
export function FulfillmentTrackingView({ api, fulfillmentId }: { api: CustomerTrackingApi; fulfillmentId: string }) {
  const { state, retry } = useTracking(api, fulfillmentId);
  const { translate } = api;
  if (state.phase === "loading") return <s-skeleton-paragraph />;
  const { result } = state;
  if (!result.ok) {
    if (result.error === "not_found" || result.error === "bad_request") return null;
    if (result.error === "login_required") {
      return (
        <s-stack direction="block" gap="small-200">
          <s-text>{translate("loginRequired")}</s-text>
          <s-button variant="secondary" onClick={() => void api.requireLogin()}>
            {translate("login")}
          </s-button>
        </s-stack>
      );
    }
    return (
      <s-banner tone="warning">
        <s-stack direction="block" gap="small-200">
          <s-text>{translate("unavailable")}</s-text>
          <s-button variant="secondary" onClick={retry}>
            {translate("retry")}
          </s-button>
        </s-stack>
      </s-banner>
    );
  }
  return (
    <s-stack direction="block" gap="base">
      {result.data.parcels.map((parcel) => (
        <ParcelTimeline key={parcel.id} parcel={parcel} api={api} tone={statusTone(parcel.status)} supportHref={result.data.supportHref} />
      ))}
      {api.help && <NeedHelp api={api} fulfillmentId={fulfillmentId} />}
    </s-stack>
  );
}

import type { AppResult, OrderTrackingView } from "@trackline/shared";
import { useEffect, useState } from "preact/hooks";
import type { AdminTrackingApi } from "./admin-api";
import type { BlockParcel } from "./block-parcel";
import { ParcelCard } from "./ParcelCard";

type LoadState = { phase: "loading" } | { phase: "done"; result: AppResult<OrderTrackingView<BlockParcel>> };

export function OrderShipmentsView({ api }: { api: AdminTrackingApi }) {
  const { translate } = api;
  const [state, setState] = useState<LoadState>({ phase: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ phase: "loading" });
    void api.load().then((result) => {
      if (current) setState({ phase: "done", result });
    });
    return () => {
      current = false;
    };
  }, [api, attempt]);

  if (state.phase === "loading") {
    return (
      <s-admin-block heading={translate("heading")}>
        <s-spinner accessibilityLabel={translate("loading")} />
      </s-admin-block>
    );
  }
  const { result } = state;
  if (!result.ok) {
    const empty = result.error === "not_found";
    return (
      <s-admin-block heading={translate("heading")}>
        <s-stack direction="block" gap="small-200">
          <s-text>{translate(empty ? "empty" : "unavailable")}</s-text>
          {!empty && <s-button onClick={() => setAttempt((value) => value + 1)}>{translate("retry")}</s-button>}
        </s-stack>
      </s-admin-block>
    );
  }
  const { summary, parcels } = result.data;
  return (
    <s-admin-block heading={translate("heading")} collapsedSummary={translate("summary", { delivered: summary.delivered, total: summary.total })}>
      <s-stack direction="block" gap="base">
        {summary.total > 1 && <s-text>{translate("summary", { delivered: summary.delivered, total: summary.total })}</s-text>}
        {parcels.map((parcel) => (
          <ParcelCard key={parcel.id} parcel={parcel} api={api} />
        ))}
      </s-stack>
    </s-admin-block>
  );
}

import type { AppResult, OrderTrackingView } from "@trackline/shared";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { CustomerTrackingApi } from "./tracking-api";

export type TrackingState = { phase: "loading" } | { phase: "done"; result: AppResult<OrderTrackingView> };

/** Loads the tracking once, and again on `retry`. */
export function useTracking(api: CustomerTrackingApi, fulfillmentId: string | null): { state: TrackingState; retry: () => void } {
  const [state, setState] = useState<TrackingState>({ phase: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ phase: "loading" });
    void api.load(fulfillmentId).then((result) => {
      if (current) setState({ phase: "done", result });
    });
    return () => {
      current = false;
    };
  }, [api, fulfillmentId, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { state, retry };
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { parseUpsTrackAlert, UPS_TRACK_ALERT_CREDENTIAL_HEADER, verifyUpsTrackAlertCredential } from "../carriers/ups/track-alert";
import { appEnv } from "../config/env.server";
import { database } from "../data/client.server";
import { handleCarrierPush } from "../services/sync/carrier-push.server";
import { sharedSyncEngine } from "../services/sync/engine-factory.server";

// UPS Track Alert: one event per POST, authenticated by the subscription's `credential` header.
export async function action({ request }: ActionFunctionArgs) {
  return handleCarrierPush(
    request,
    {
      adapterCode: "ups",
      secret: appEnv().UPS_TRACK_ALERT_CREDENTIAL ?? null,
      verify: (_rawBody, req, credential) => verifyUpsTrackAlertCredential(req.headers.get(UPS_TRACK_ALERT_CREDENTIAL_HEADER), credential),
      parse: (json) => {
        const push = parseUpsTrackAlert(json);
        return push.kind === "invalid" ? { error: push.message } : { items: [push.item] };
      },
    },
    { db: database().db, engine: sharedSyncEngine },
  );
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

import type { ActionFunctionArgs } from "@remix-run/node";
import { DHL_PUSH_TOKEN_HEADER, parseDhlPush, verifyDhlPushToken } from "../carriers/dhl/push";
import { appEnv } from "../config/env.server";
import { database } from "../data/client.server";
import { handleCarrierPush } from "../services/sync/carrier-push.server";
import { sharedSyncEngine } from "../services/sync/engine-factory.server";

// DHL push: `shipments[]` like the tracking API, authenticated by the subscription's token header.
export async function action({ request }: ActionFunctionArgs) {
  return handleCarrierPush(
    request,
    {
      adapterCode: "dhl",
      secret: appEnv().DHL_PUSH_SECRET ?? null,
      verify: (_rawBody, req, token) => verifyDhlPushToken(req.headers.get(DHL_PUSH_TOKEN_HEADER), token),
      parse: (json) => {
        const push = parseDhlPush(json);
        return push.kind === "invalid" ? { error: push.message } : { items: push.items };
      },
    },
    { db: database().db, engine: sharedSyncEngine },
  );
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

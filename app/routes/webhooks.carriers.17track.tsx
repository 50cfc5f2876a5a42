import type { ActionFunctionArgs } from "@remix-run/node";
import { parseSeventeenTrackPush } from "../carriers/seventeen_track/parse";
import { verifySeventeenTrackPush } from "../carriers/seventeen_track/push";
import { appEnv } from "../config/env.server";
import { database } from "../data/client.server";
import { handleCarrierPush } from "../services/sync/carrier-push.server";
import { sharedSyncEngine } from "../services/sync/engine-factory.server";

// 17TRACK push: `sign` = SHA-256(rawBody + "/" + key).
export async function action({ request }: ActionFunctionArgs) {
  const env = appEnv();
  return handleCarrierPush(
    request,
    {
      adapterCode: "seventeen_track",
      secret: env.SEVENTEEN_TRACK_WEBHOOK_KEY ?? env.SEVENTEEN_TRACK_API_KEY ?? null,
      verify: (rawBody, req, key) => verifySeventeenTrackPush(rawBody, req.headers.get("sign"), key),
      parse: (json) => {
        const push = parseSeventeenTrackPush(json);
        if (push.kind === "invalid") return { error: push.message };
        return { items: push.kind === "updated" ? [push.item] : [] };
      },
    },
    { db: database().db, engine: sharedSyncEngine },
  );
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { carrierPushedAt, carrierPushHandler, handleCarrierPush } from "~/services/sync/carrier-push.server";
import { sharedSyncEngine } from "~/services/sync/engine-factory.server";

/**
 * Every carrier's push intake, `/webhooks/carriers/<path>`: verification, secret and parsing are
 * declared by the carrier's folder (carrier.ts → path, push), so a new carrier needs no route.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const carrier = carrierPushedAt(params.carrier);
  if (!carrier) return new Response("No carrier takes pushes here", { status: 404 });
  const env: Readonly<Record<string, unknown>> = appEnv();
  return handleCarrierPush(request, carrierPushHandler(carrier, env), { db: database().db, engine: sharedSyncEngine });
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

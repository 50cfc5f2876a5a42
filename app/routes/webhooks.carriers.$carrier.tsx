import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { answerPushActivation } from "~/services/carrier-push/activation.server";
import { appCarrierCredentials } from "~/services/sync/carrier-adapters.server";
import { carrierPushedAt, carrierPushHandler, handleCarrierPush } from "~/services/sync/carrier-push.server";
import { sharedSyncEngine } from "~/services/sync/engine-factory.server";
import { appSubscriptionClients } from "~/services/sync/subscriptions.server";

/**
 * Every carrier's push intake, `/webhooks/carriers/<path>`: verification, secret, parsing and a
 * subscription's activation hand-shake are declared by the carrier's folder (carrier.ts → path,
 * push), so a new carrier needs no route.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const carrier = carrierPushedAt(params.carrier);
  if (!carrier) return new Response("No carrier takes pushes here", { status: 404 });
  const env = appEnv();
  const handler = carrierPushHandler(carrier, env);
  const activation = await answerPushActivation(request, handler, () =>
    appSubscriptionClients({
      appCredentials: appCarrierCredentials(env),
      appUrl: new URL(request.url).origin,
      pushCredentials: {},
      simulatorUrl: env.CARRIER_SIMULATOR_URL,
    }),
  );
  return activation ?? handleCarrierPush(request, handler, { db: database().db, engine: sharedSyncEngine });
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

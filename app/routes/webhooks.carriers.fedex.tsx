import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { carrierPushHandler, handleCarrierPush } from "~/services/sync/carrier-push.server";
import { sharedSyncEngine } from "~/services/sync/engine-factory.server";

export async function action({ request }: ActionFunctionArgs) {
  // Verification, secret and parsing are declared by the carrier's folder (carrier.ts → push).
  const env = appEnv() as unknown as Readonly<Record<string, unknown>>;
  return handleCarrierPush(request, carrierPushHandler("fedex", env), { db: database().db, engine: sharedSyncEngine });
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

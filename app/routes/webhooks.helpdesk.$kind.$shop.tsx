import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { receiveHelpdeskWebhook } from "~/services/wismo/helpdesk.server";
import { HELPDESK_KINDS, type HelpdeskKind } from "~/services/wismo/settings.server";

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Inbound helpdesk tickets: `POST /webhooks/helpdesk/{gorgias|zendesk|api}/{shop}.myshopify.com`,
 * authenticated with that shop's secret (see app/services/wismo/helpdesk-tickets.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const kind = params.kind as HelpdeskKind;
  const shopDomain = params.shop ?? "";
  if (!HELPDESK_KINDS.includes(kind) || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shopDomain)) {
    return Response.json({ error: "not found" }, { status: 404 });
  }
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return Response.json({ error: "too large" }, { status: 413 });
  const outcome = await receiveHelpdeskWebhook(database().db, {
    kind,
    shopDomain,
    headers: request.headers,
    body,
    now: new Date(),
    credentialsKey: appEnv().CREDENTIALS_KEY,
  });
  return Response.json(outcome.body, { status: outcome.status });
}

export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });

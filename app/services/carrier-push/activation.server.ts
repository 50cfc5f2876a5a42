import { getCarrierPlugin } from "~/carriers/registry";
import type { CarrierPushHandler } from "~/services/sync/carrier-push.server";
import type { SubscriptionClientSource } from "~/services/sync/subscriptions.server";

/**
 * A carrier's request to activate a push subscription, answered at its push URL before any
 * tracking work (DHL's hand-shake: see app/carriers/dhl/push.server.ts). Null when the body is
 * not such a request (or the carrier has no hand-shake): the push is then handled as tracking news.
 *
 * Answers, in order: 401 when the body does not carry the subscription's credential (nothing else
 * is read or called); 400 when the request lacks the subscription id or secret; 503 when Trackline
 * holds no credentials to activate with; 502 when the carrier refused the activation (so it asks
 * again later); 200 once activated.
 */
export async function answerPushActivation(request: Request, handler: CarrierPushHandler, clients: () => SubscriptionClientSource): Promise<Response | null> {
  const activation = getCarrierPlugin(handler.adapterCode).push?.activation;
  if (!activation || request.method !== "POST" || !handler.secret) return null;
  const rawBody = await request.clone().text();
  if (!handler.verify(rawBody, request, handler.secret)) return new Response("Invalid signature", { status: 401 });
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const asked = activation(json, request.headers);
  if (asked === null) return null;
  if ("error" in asked) return Response.json({ activated: false, error: asked.error }, { status: 400 });
  const client = await clients().clientFor(handler.adapterCode);
  if (!client?.activate) {
    return Response.json({ activated: false, error: `no ${handler.adapterCode} credentials to activate the push subscription with` }, { status: 503 });
  }
  const result = await client.activate(asked.subscriptionId, asked.secret);
  if (!result.ok) {
    console.warn(`${handler.adapterCode} push subscription ${asked.subscriptionId} not activated: ${result.error}`);
    return Response.json({ activated: false, error: result.error }, { status: 502 });
  }
  return Response.json({ activated: asked.subscriptionId });
}

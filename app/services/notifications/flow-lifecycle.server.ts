import crypto from "node:crypto";
import type { Db } from "~/data/db.server";
import { flowTriggerUses } from "~/data/flow-trigger-uses.server";
import { recordUnreadableWebhook } from "~/services/ingestion/webhook-inbox.server";
import { applyFlowLifecycleCallback, FLOW_LIFECYCLE_TOPIC, flowLifecycleSchema } from "./flow-lifecycle-payload.server";
import { FLOW_TRIGGER_NAMES, FLOW_TRIGGERS } from "./settings";

export interface FlowLifecycleOptions {
  db: Db;
  /** The app's API secret: Flow signs the raw body with it. */
  secret: string | undefined;
  now?: () => Date;
}

function signatureHolds(bytes: Uint8Array, header: string | null, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  const expected = crypto.createHmac("sha256", secret).update(bytes).digest();
  const given = Buffer.from(header.trim(), "base64");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Shopify Flow's trigger lifecycle callback: whether a shop has an enabled workflow using one of
 * Trackline's triggers. The signature (`X-Shopify-Hmac-Sha256`, HMAC-SHA256 of the raw body with
 * the app's secret) is checked before anything is read from the body: 401 when it fails. An
 * authentic body Trackline cannot use is kept as a failed delivery for `cli webhooks replay` and
 * answered 400; a usable one is stored (an older one than the stored report changes nothing)
 * and answered 200 — Flow lets the merchant turn the workflow on only after a 2xx.
 */
export async function receiveFlowLifecycleCallback(request: Request, options: FlowLifecycleOptions): Promise<Response> {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const now = options.now ?? (() => new Date());
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (!signatureHolds(bytes, request.headers.get("X-Shopify-Hmac-Sha256"), options.secret)) return new Response(null, { status: 401 });

  let payload: unknown;
  let rawBody: string | Uint8Array = bytes;
  let problem: string | null = null;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    payload = JSON.parse(rawBody);
  } catch (error) {
    problem = typeof rawBody === "string" ? `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` : "body is not UTF-8 text";
  }
  const parsed = problem === null ? flowLifecycleSchema.safeParse(payload) : null;
  if (!parsed?.success) {
    problem ??= `${FLOW_LIFECYCLE_TOPIC} payload is invalid: ${(parsed?.error.issues ?? [])
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
      .join("; ")}`;
    const domain = (payload as { shopify_domain?: unknown } | null)?.shopify_domain;
    await recordUnreadableWebhook(
      options.db,
      {
        topic: FLOW_LIFECYCLE_TOPIC,
        shopDomain: typeof domain === "string" && domain.length <= 255 ? domain : "unknown",
        // Flow sends no delivery id: the body's digest keeps one body once, however often it comes.
        webhookId: `flow-lifecycle-${crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 32)}`,
        apiVersion: null,
      },
      rawBody,
      problem,
      now(),
    );
    return new Response(problem, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  await applyFlowLifecycleCallback(options.db, parsed.data);
  return new Response(null, { status: 200 });
}

export interface FlowTriggerUseView {
  handle: string;
  /** The moment firing it; null for "shipment status changed" (every moment without its own trigger). */
  moment: string | null;
  /** true: an enabled workflow uses it; false: none does (not fired); null: Flow has not said (fired). */
  inUse: boolean | null;
  /** When Flow said so (the callback's timestamp), ISO 8601. */
  reportedAt: string | null;
}

/** Each of Trackline's Flow triggers and what Flow last said about its use in the shop, in the order the extensions list them. */
export async function flowTriggerOverview(db: Db, shopDomain: string): Promise<FlowTriggerUseView[]> {
  const uses = await flowTriggerUses(db, shopDomain);
  const momentOf = new Map(Object.entries(FLOW_TRIGGERS).map(([moment, handle]) => [handle, moment]));
  return Object.keys(FLOW_TRIGGER_NAMES).map((handle) => {
    const use = uses.get(handle);
    return { handle, moment: momentOf.get(handle) ?? null, inUse: use ? use.hasEnabledFlow : null, reportedAt: use ? use.reportedAt.toISOString() : null };
  });
}

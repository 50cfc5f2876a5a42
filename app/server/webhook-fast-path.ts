import type { ServerBuild } from "@remix-run/node";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { answerShopifyWebhook, ReceivedWebhook } from "~/services/ingestion/webhook-request.server";
import { isShopDomain } from "~/shopify/shop-domain";
import { bodyLimitFor, readDeclaredBody, type BodyLimits } from "./body-limit";
import { PLAIN_HOST } from "./remix-handler";
import { bodilessAnswerSecurityHeaders } from "./security-headers.server";

/**
 * The Shopify topics whose deliveries the group commit stores, answered straight from the
 * socket: `/webhooks/<topic>` takes `<topic>`, as its Remix route does, and both call
 * answerShopifyWebhook. Each delivery skips what only the other routes need: Express itself (its
 * request decoration and query parsing), the Fetch request and Remix's route matching, the
 * middleware chain (helmet's headers are the same on every such answer and are worked out once;
 * compression has nothing to compress in an empty 200).
 */
export const FAST_PATH_TOPICS = ["fulfillments/create", "fulfillments/update", "orders/cancelled"] as const;

export interface WebhookFastPathOptions {
  mode: "production" | "development";
  bodyLimits: BodyLimits;
  shopCustomDomain?: string;
  /** What answers a delivery: the build's (entry.server.tsx exports it), or a test's. */
  answer: (request: ReceivedWebhook, acceptedTopics: readonly string[]) => Promise<number>;
}

/** The build's answerShopifyWebhook, which its entry module exports; null for a build without it. */
export function buildWebhookAnswer(build: ServerBuild): WebhookFastPathOptions["answer"] | null {
  const answer = (build.entry.module as { answerShopifyWebhook?: typeof answerShopifyWebhook }).answerShopifyWebhook;
  return answer ? (request, topics) => answer(request, topics) : null;
}

/** Node's headers (lower-case names; repeats already joined with ", ") read like Fetch's Headers. */
function headerLookup(req: IncomingMessage): Pick<Headers, "get"> {
  return {
    get(name: string) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * A request handler in front of the Express app (it also works as Express middleware). A request
 * it does not answer exactly as the full pipeline would goes on to it (`next()`), untouched:
 * another method or address (or a request target that is not the bare path), no Content-Length or one
 * over the limit (the pipeline's 413), a shop header that is not a shop's domain (its 400), an
 * Origin or a Host header Remix would refuse, a delivery signed with the events header family
 * (Shopify's library judges those).
 */
export function webhookFastPath(options: WebhookFastPathOptions) {
  const routes = new Map<string, readonly string[]>(FAST_PATH_TOPICS.map((topic) => [`/webhooks/${topic}`, [topic]]));
  const headers = bodilessAnswerSecurityHeaders();
  const { answer } = options;
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    // The request target as Remix would route it: the path itself, perhaps with a query.
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    const topics = req.method === "POST" ? routes.get(path) : undefined;
    if (!topics) return next();
    const declared = req.headers["content-length"];
    const shop = req.headers["x-shopify-shop-domain"];
    if (
      declared === undefined ||
      !(Number(declared) <= bodyLimitFor(path, options.bodyLimits)) ||
      (typeof shop === "string" && !isShopDomain(shop, options.shopCustomDomain)) ||
      req.headers["shopify-hmac-sha256"] !== undefined ||
      req.headers.origin !== undefined ||
      !PLAIN_HOST.test(req.headers.host || "localhost")
    ) {
      return next();
    }
    readDeclaredBody(req, (body) => {
      answer({ pathname: path, headers: headerLookup(req), body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) }, topics).then(
        (status) => {
          res.writeHead(status, headers).end();
        },
        (error: unknown) => {
          // As Remix answers an action that threw (and the entry's handleError logs it).
          if (!res.destroyed) console.error(error);
          const message = options.mode === "production" ? "Unexpected Server Error" : `Unexpected Server Error\n\n${String(error)}`;
          res.writeHead(500, { ...headers, "content-type": "text/plain; charset=utf-8", vary: "Accept-Encoding" }).end(message);
        },
      );
    });
  };
}

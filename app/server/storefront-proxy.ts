import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { StorefrontProxyAnswer, StorefrontProxyCall } from "~/services/tracking-lookup/storefront-proxy.server";
import { bufferedBody } from "./body-limit";
import { clientAddress } from "./client-address.server";
import { gzipWholeAnswer } from "./compression.server";
import { requestUrl } from "./remix-handler";

/** The route module whose `answerTrackingPage` this mount calls (app/routes/apps.track.tsx). */
export const STOREFRONT_ROUTE_ID = "routes/apps.track";

type AnswerTrackingPage = (call: StorefrontProxyCall) => Promise<StorefrontProxyAnswer>;

const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;
// As Fetch's formData() reads a form: UTF-8, a leading byte-order mark kept as a character.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The storefront tracking page (`/apps/track`, Shopify's app proxy) answered without Remix: the
 * same function the route's loader and action call (`answerTrackingPage`, from the build, so the
 * process keeps one database client), minus the Fetch request and response, route matching and
 * body streams around it. The middleware in front (security headers, compression, body limit) is
 * the same. Everything it does not take, it leaves to Remix: other paths and methods, multipart or
 * untyped posts, Remix's own `_data` and `index` queries, a URL Remix would refuse.
 * Null when the build has no such route.
 */
export function storefrontProxy(options: { build: ServerBuild; trustedProxyHops: number }) {
  const module: object | undefined = options.build.routes[STOREFRONT_ROUTE_ID]?.module;
  const exported: unknown = module && "answerTrackingPage" in module ? module.answerTrackingPage : undefined;
  if (typeof exported !== "function") return null;
  const answerTrackingPage = exported as AnswerTrackingPage;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.path !== "/apps/track" && req.path !== "/apps/track/") return next();
    const post = req.method === "POST";
    if (!post && req.method !== "GET") return next();
    if (post && !FORM_TYPE.test(req.headers["content-type"] ?? "")) return next();
    const url = requestUrl(req);
    if (!url || url.searchParams.has("_data") || url.searchParams.has("index")) return next();
    let answer: StorefrontProxyAnswer;
    try {
      answer = await answerTrackingPage({
        url: url.href,
        method: req.method,
        form: post ? new URLSearchParams(utf8.decode(bufferedBody(res))) : null,
        acceptLanguage: req.headers["accept-language"] ?? null,
        clientAddress: clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, options.trustedProxyHops),
      });
    } catch (error) {
      // A refusal (a bad signature, say) is thrown as the Response to send.
      if (!(error instanceof globalThis.Response)) return next(error);
      res.statusMessage = error.statusText;
      answer = { status: error.status, headers: [...error.headers], body: await error.text() };
    }
    res.status(answer.status);
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    const body = Buffer.from(answer.body);
    const payload = gzipWholeAnswer(req, res, body) ?? body;
    // Known: sent with the headers in one write, not as chunks (compression drops it if it encodes).
    res.setHeader("Content-Length", payload.length);
    res.end(payload);
  };
}

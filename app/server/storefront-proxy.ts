import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { StorefrontProxyAnswer, StorefrontProxyCall } from "~/services/tracking-lookup/storefront-proxy.server";
import { bodyLimitFor, bufferedBody, limitBodies, type BodyLimits } from "./body-limit";
import { clientAddress } from "./client-address.server";
import { compressionVaries, gzipIsNegotiated, gzipWholeAnswer } from "./compression.server";
import { requestUrl } from "./remix-handler";
import { bodilessAnswerSecurityHeaders, TRACKING_PAGE_CSP } from "./security-headers.server";

/** The route module whose `answerTrackingPage` this mount calls (app/routes/apps.track.tsx). */
export const STOREFRONT_ROUTE_ID = "routes/apps.track";

type AnswerTrackingPage = (call: StorefrontProxyCall) => Promise<StorefrontProxyAnswer>;

const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;
// As Fetch's formData() reads a form: UTF-8, a leading byte-order mark kept as a character.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

export interface StorefrontProxyOptions {
  build: ServerBuild;
  trustedProxyHops: number;
  bodyLimits: BodyLimits;
}

/**
 * The storefront tracking page (`/apps/track`, Shopify's app proxy) answered without Remix: the
 * same function the route's loader and action call (`answerTrackingPage`, from the build, so the
 * process keeps one database client), minus the Fetch request and response, route matching and
 * body streams around it. Two mounts share it:
 * - `first`, before every other middleware, takes the lookups shoppers send (GET, or a form POST
 *   with a Content-Length within the limit; gzip or no encoding asked for) and does itself what
 *   the chain would: the security headers (helmet's, worked out once, and the page's policy),
 *   the body limit, the gzip and its Vary. Anything else it passes on untouched.
 * - `inChain`, after the security headers, compression and body limit, takes what `first` passed
 *   on but could still answer (another Accept-Encoding, a chunked form), with the chain's work.
 * Everything neither takes goes to Remix: other paths and methods, multipart or untyped posts,
 * Remix's own `_data` and `index` queries, a URL Remix would refuse.
 * Null when the build has no such route.
 */
export function storefrontProxy(options: StorefrontProxyOptions) {
  const module: object | undefined = options.build.routes[STOREFRONT_ROUTE_ID]?.module;
  const exported: unknown = module && "answerTrackingPage" in module ? module.answerTrackingPage : undefined;
  if (typeof exported !== "function") return null;
  const answerTrackingPage = exported as AnswerTrackingPage;

  /** The page's call for a request this mount takes, or null: Remix answers it. */
  const callOf = (req: Request): { url: URL; post: boolean } | null => {
    if (req.path !== "/apps/track" && req.path !== "/apps/track/") return null;
    const post = req.method === "POST";
    if (!post && req.method !== "GET") return null;
    if (post && !FORM_TYPE.test(req.headers["content-type"] ?? "")) return null;
    const url = requestUrl(req);
    if (!url || url.searchParams.has("_data") || url.searchParams.has("index")) return null;
    return { url, post };
  };

  const answer = async (req: Request, res: Response, url: URL, post: boolean): Promise<StorefrontProxyAnswer> => {
    try {
      return await answerTrackingPage({
        url: url.href,
        method: req.method,
        form: post ? new URLSearchParams(utf8.decode(bufferedBody(res))) : null,
        acceptLanguage: req.headers["accept-language"] ?? null,
        clientAddress: clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, options.trustedProxyHops),
      });
    } catch (error) {
      // A refusal (a bad signature, say) is thrown as the Response to send.
      if (!(error instanceof globalThis.Response)) throw error;
      res.statusMessage = error.statusText;
      return { status: error.status, headers: [...error.headers], body: await error.text() };
    }
  };

  const setHeaders = (res: Response, page: StorefrontProxyAnswer): void => {
    res.status(page.status);
    for (const [name, value] of page.headers) res.setHeader(name, value);
  };

  const sendBody = (req: Request, res: Response, text: string): void => {
    const body = Buffer.from(text);
    const payload = gzipWholeAnswer(req, res, body) ?? body;
    // Known: sent with the headers in one write, not as chunks (compression drops it if it encodes).
    res.setHeader("Content-Length", payload.length);
    res.end(payload);
  };

  const inChain = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const call = callOf(req);
    if (!call) return next();
    let page: StorefrontProxyAnswer;
    try {
      page = await answer(req, res, call.url, call.post);
    } catch (error) {
      return next(error);
    }
    setHeaders(res, page);
    sendBody(req, res, page.body);
  };

  // helmet's headers are the same on every answer; the page's own policy replaces the default.
  const security = Object.entries({ ...bodilessAnswerSecurityHeaders(), "content-security-policy": TRACKING_PAGE_CSP });
  const readBody = limitBodies(options.bodyLimits);
  const first = (req: Request, res: Response, next: NextFunction): void => {
    const acceptEncoding = req.headers["accept-encoding"];
    // br, deflate or a preference among encodings: the compression middleware decides.
    if (acceptEncoding && !gzipIsNegotiated(acceptEncoding)) return next();
    const call = callOf(req);
    if (!call) return next();
    if (call.post) {
      // A length over the limit (the chain's 413) or a chunked body: the chain reads it.
      const declared = req.headers["content-length"];
      if (declared === undefined || !(Number(declared) <= bodyLimitFor(req.path, options.bodyLimits))) return next();
    }
    const respond = () => {
      answer(req, res, call.url, call.post).then(
        (page) => {
          for (const [name, value] of security) res.setHeader(name, value);
          setHeaders(res, page);
          // As the compression middleware marks every answer it may compress, large or not.
          if (compressionVaries(req, res)) res.setHeader("Vary", "Accept-Encoding");
          sendBody(req, res, page.body);
        },
        (error: unknown) => next(error),
      );
    };
    if (call.post) readBody(req, res, respond);
    else respond();
  };

  return { first, inChain };
}

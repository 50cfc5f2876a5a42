import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { StorefrontProxyAnswer, StorefrontProxyCall } from "~/services/tracking-lookup/storefront-proxy.server";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { bodyLimitFor, bufferedBody, readDeclaredBody, type BodyLimits } from "./body-limit";
import { clientAddress } from "./client-address.server";
import { compressionVaries, gzipIsNegotiated, gzipWholeAnswer } from "./compression.server";
import { PLAIN_HOST, requestUrl } from "./remix-handler";
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
 * - `first`, in front of Express, takes the lookups shoppers send (GET, or a form POST with a
 *   Content-Length within the limit; gzip or no encoding asked for) and does itself what the
 *   chain would: the security headers (helmet's, worked out once, and the page's policy), the
 *   body limit, the gzip and its Vary, the last-resort 500. Anything else it passes on untouched.
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

  /** Whether the page takes this method and body type at all (else Remix answers). */
  const takes = (req: IncomingMessage, path: string): boolean =>
    (path === "/apps/track" || path === "/apps/track/") &&
    (req.method === "GET" || (req.method === "POST" && FORM_TYPE.test(req.headers["content-type"] ?? "")));
  /** Remix's own queries, which its handler answers. */
  const remixQuery = (url: URL) => url.searchParams.has("_data") || url.searchParams.has("index");

  const answer = async (req: IncomingMessage, res: ServerResponse, url: URL, form: Buffer | null): Promise<StorefrontProxyAnswer> => {
    try {
      return await answerTrackingPage({
        url,
        method: req.method ?? "GET",
        form: form ? new URLSearchParams(utf8.decode(form)) : null,
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

  const setHeaders = (res: ServerResponse, page: StorefrontProxyAnswer): void => {
    res.statusCode = page.status;
    for (const [name, value] of page.headers) res.setHeader(name, value);
  };

  const sendBody = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const payload = gzipWholeAnswer(req, res, text) ?? Buffer.from(text);
    // Known: sent with the headers in one write, not as chunks (compression drops it if it encodes).
    res.setHeader("Content-Length", payload.length);
    res.end(payload);
  };

  const inChain = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!takes(req, req.path)) return next();
    const url = requestUrl(req);
    if (!url || remixQuery(url)) return next();
    let page: StorefrontProxyAnswer;
    try {
      page = await answer(req, res, url, req.method === "POST" ? (bufferedBody(res) ?? Buffer.alloc(0)) : null);
    } catch (error) {
      return next(error);
    }
    setHeaders(res, page);
    sendBody(req, res, page.body);
  };

  // helmet's headers are the same on every answer; the page's own policy replaces the default.
  const security = Object.entries({ ...bodilessAnswerSecurityHeaders(), "content-security-policy": TRACKING_PAGE_CSP });
  const first = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const target = req.url ?? "";
    const query = target.indexOf("?");
    const path = query < 0 ? target : target.slice(0, query);
    if (!takes(req, path)) return next();
    const acceptEncoding = req.headers["accept-encoding"];
    // br, deflate or a preference among encodings: the compression middleware decides.
    if (acceptEncoding && !gzipIsNegotiated(acceptEncoding)) return next();
    const post = req.method === "POST";
    // A length over the limit (the chain's 413) or a chunked body: the chain reads it.
    const declared = req.headers["content-length"];
    if (post && (declared === undefined || !(Number(declared) <= bodyLimitFor(path, options.bodyLimits)))) return next();
    const url = nodeRequestUrl(req, path);
    if (!url || remixQuery(url)) return next();
    const respond = (form: Buffer | null) => {
      answer(req, res, url, form).then(
        (page) => {
          for (const [name, value] of security) res.setHeader(name, value);
          setHeaders(res, page);
          // As the compression middleware marks every answer it may compress, large or not.
          if (compressionVaries(req, res)) res.setHeader("Vary", "Accept-Encoding");
          sendBody(req, res, page.body);
        },
        (error: unknown) => {
          // As the server's last-resort handler answers (http-app.ts), with this path's headers.
          console.error(`${req.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
          if (res.headersSent) return void res.destroy();
          for (const [name, value] of security) res.setHeader(name, value);
          res.statusCode = 500;
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          if (compressionVaries(req, res)) res.setHeader("Vary", "Accept-Encoding");
          sendBody(req, res, "Internal error");
        },
      );
    };
    if (post) readDeclaredBody(req, respond);
    else respond(null);
  };

  return { first, inChain };
}

/**
 * `requestUrl` (remix-handler.ts) for a request Express has not decorated: the same URL, or null
 * where that gives null. `path` is the target's path, without its query.
 */
function nodeRequestUrl(req: IncomingMessage, path: string): URL | null {
  const host = req.headers.host || "localhost";
  if (!PLAIN_HOST.test(host)) return null;
  // Express's req.protocol with proxies untrusted, as the app runs: the socket's own.
  const protocol = (req.socket as TLSSocket).encrypted ? "https" : "http";
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}${req.url ?? ""}`);
  } catch {
    return null;
  }
  if (url.pathname !== path) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== "null" && !URL.canParse(origin)) return null;
  return url;
}

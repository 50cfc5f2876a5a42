import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import { bufferedBody } from "./body-limit";
import { clientAddress } from "./client-address.server";

declare module "@remix-run/server-runtime" {
  /** What every loader and action receives as `context` from this server (absent in unit tests). */
  interface AppLoadContext {
    /** The client's address through the configured proxy hops (see client-address.server.ts); null if unknown. */
    clientAddress?: string | null;
    /** Set by the entry's handleError when Remix refused a cross-origin form post (answered 403). */
    crossOriginRefused?: boolean;
  }
}

/**
 * Express → Remix, like `@remix-run/express` except that the body is the one `limitBodies`
 * already read within its limit (never the raw socket stream) and the load context carries the
 * client address worked out from trusted proxy hops only.
 */
export function remixHandler(options: { build: ServerBuild; mode: "production" | "development"; trustedProxyHops: number }) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const context: AppLoadContext = {
        clientAddress: clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, options.trustedProxyHops),
        crossOriginRefused: false,
      };
      const request = remixRequest(req, res);
      if (!request) {
        res.status(400).type("text/plain").end("Bad request");
        return;
      }
      const response = await handle(request, context);
      if (context.crossOriginRefused) {
        res.status(403).type("text/plain").end("Cross-origin form post refused");
        return;
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** The Host headers Remix is given a request for (a host name and port); the others are answered 400. */
export const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The URL a request is answered for; null when the Host or Origin header or the path make no
 * valid URL (answered 400). The storefront's direct mount (storefront-proxy.ts) uses it too.
 */
export function requestUrl(req: ExpressRequest): URL | null {
  const host = req.get("host") || "localhost";
  // Only a host name and port: anything else would move the path Remix routes by away from the
  // path the body limits and method checks were chosen by.
  if (!PLAIN_HOST.test(host)) return null;
  let url: URL;
  try {
    url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
  } catch {
    return null;
  }
  if (url.pathname !== req.path) return null;
  // Remix parses Origin on form posts and throws on one that is not a URL.
  const origin = req.get("origin");
  if (origin !== undefined && origin !== "null" && !URL.canParse(origin)) return null;
  return url;
}

/** The Fetch request for Remix; null when `requestUrl` finds none. */
function remixRequest(req: ExpressRequest, res: ExpressResponse): Request | null {
  const url = requestUrl(req);
  if (!url) return null;
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else if (value !== undefined) headers.set(key, value);
  }
  // Loaders and actions stop when the client goes away before the answer is written.
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const body = bufferedBody(res);
  return new Request(url.href, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(req.method !== "GET" && req.method !== "HEAD" && body ? { body: new Uint8Array(body) } : {}),
  });
}

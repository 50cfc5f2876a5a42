import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

/**
 * The storefront tracking page ships no JavaScript: nothing may run, load or be framed; only its
 * own inline style, https images (the shop's logo) and its lookup form posting to itself.
 */
export const TRACKING_PAGE_CSP =
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Answers that are not documents (JSON, webhooks, files) may not be framed or load anything. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * App documents Shopify's library gave no policy (no shop in the URL: the login page, demo mode)
 * run their own scripts and styles but may not be framed, load plugins or rebase links.
 */
export const DOCUMENT_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

/** Helmet with the policy described at securityHeaders. */
function hardeningHeaders() {
  return helmet({
    contentSecurityPolicy: false,
    frameguard: false,
    // The admin embeds App Bridge from Shopify's CDN, which sends no CORP header.
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}

/**
 * The headers securityHeaders() gives an answer without a body or a policy of its own (a
 * webhook's 200): helmet's, which depend on nothing in the request, worked out once by running
 * it, and DEFAULT_CSP. For a path that answers such requests without the middleware chain.
 */
export function bodilessAnswerSecurityHeaders(): Record<string, string> {
  // A response that is never sent: helmet sets its headers on it as on any other.
  const request = new IncomingMessage(new Socket());
  const recorder = new ServerResponse(request);
  let done = false;
  hardeningHeaders()(request, recorder, () => (done = true));
  if (!done) throw new Error("helmet did not finish synchronously");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorder.getHeaders())) if (value !== undefined) headers[name] = String(value);
  headers["content-security-policy"] = DEFAULT_CSP;
  return headers;
}

function isHtml(res: Response, args: unknown[]): boolean {
  const headers = args.find((arg): arg is Record<string, unknown> => typeof arg === "object" && arg !== null && !Array.isArray(arg));
  const fromArgs = headers ? Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] : undefined;
  return /^text\/html/i.test(String(fromArgs ?? res.getHeader("Content-Type") ?? ""));
}

/**
 * Helmet's hardening headers on every response, except the two that would break the embedded
 * admin: its X-Frame-Options and CSP. Admin documents get Shopify's frame-ancestors (shop and
 * admin.shopify.com) from the library's `addDocumentResponseHeaders`; any answer still without a
 * policy when its headers go out gets DOCUMENT_CSP (HTML) or DEFAULT_CSP, and /apps/track always
 * gets TRACKING_PAGE_CSP.
 */
export function securityHeaders() {
  const hardening = hardeningHeaders();
  return (req: Request, res: Response, next: NextFunction): void => {
    const trackingPage = req.path === "/apps/track" || req.path.startsWith("/apps/track/");
    const writeHead = res.writeHead;
    // Decided when the headers are written, so a policy the route set is seen and kept.
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (trackingPage) res.setHeader("Content-Security-Policy", TRACKING_PAGE_CSP);
      else if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", isHtml(res, args) ? DOCUMENT_CSP : DEFAULT_CSP);
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    hardening(req, res, next);
  };
}

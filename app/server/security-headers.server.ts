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

/**
 * Headers that only mean something on a document (or, HSTS, on any answer, which every document
 * already carries): a script or stylesheet is never a document that could be framed, open a
 * window, prefetch DNS or be downloaded, and CSP is not applied to it. On the admin pages'
 * fingerprinted scripts (some forty per page, each fetched on a cold load) these were about 500
 * bytes of every answer's head: a tenth of the pages' JavaScript over the wire.
 */
const DOCUMENT_ONLY_HEADERS = [
  "Cross-Origin-Opener-Policy",
  "Origin-Agent-Cluster",
  "Referrer-Policy",
  "Strict-Transport-Security",
  "X-DNS-Prefetch-Control",
  "X-Download-Options",
  "X-Permitted-Cross-Domain-Policies",
  "X-XSS-Protection",
] as const;

/** Answers that are a build script or stylesheet, marked by assetHeaders: they get no CSP either. */
const scriptAndStyleAnswers = new WeakSet<ServerResponse>();

/** Whether a build file of this name is a script or stylesheet (never shown as a document). */
export function isScriptOrStylesheet(filePath: string): boolean {
  return /\.(?:m?js|css)$/.test(filePath);
}

/**
 * For express.static's `setHeaders` on the fingerprinted build folder: called only when a file is
 * found and about to be sent. A script or stylesheet keeps X-Content-Type-Options (a script must
 * be served as one) and Cross-Origin-Resource-Policy (other sites may not embed it) and loses the
 * document-only headers and the CSP; anything else (an SVG could be opened as a document) and
 * every answer that is not such a file (a 404 page) keep them all.
 */
export function assetHeaders(res: ServerResponse, filePath: string): void {
  if (!isScriptOrStylesheet(filePath)) return;
  for (const name of DOCUMENT_ONLY_HEADERS) res.removeHeader(name);
  scriptAndStyleAnswers.add(res);
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
 * gets TRACKING_PAGE_CSP. Build scripts and stylesheets get only what applies to them (assetHeaders).
 */
export function securityHeaders() {
  const hardening = hardeningHeaders();
  return (req: Request, res: Response, next: NextFunction): void => {
    const trackingPage = req.path === "/apps/track" || req.path.startsWith("/apps/track/");
    const writeHead = res.writeHead;
    // Decided when the headers are written, so a policy the route set is seen and kept.
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (trackingPage) res.setHeader("Content-Security-Policy", TRACKING_PAGE_CSP);
      else if (!res.hasHeader("Content-Security-Policy") && !scriptAndStyleAnswers.has(res)) res.setHeader("Content-Security-Policy", isHtml(res, args) ? DOCUMENT_CSP : DEFAULT_CSP);
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    hardening(req, res, next);
  };
}

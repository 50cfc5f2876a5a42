import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { isShopDomain } from "~/shopify/shop-domain";
import { buildWebhookAnswer, webhookFastPath } from "./webhook-fast-path";
import { DEFAULT_BODY_LIMITS, limitBodies, type BodyLimits } from "./body-limit";
import { responseCompression } from "./compression.server";
import { remixHandler } from "./remix-handler";
import { securityHeaders } from "./security-headers.server";
import { buildAssets } from "./static-assets.server";
import { storefrontProxy } from "./storefront-proxy";

export interface HttpAppOptions {
  build: ServerBuild;
  mode: "production" | "development";
  /** Proxies in front of the app that append to X-Forwarded-For (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
  /** SHOP_CUSTOM_DOMAIN: development stores' domain, accepted besides *.myshopify.com. */
  shopCustomDomain?: string;
  /** public/ to serve (with its fingerprinted build/ folder); none in tests of the handler alone. */
  publicDir?: string;
  bodyLimits?: BodyLimits;
  /** Shopify deliveries the group commit stores answered without Remix (webhook-fast-path.ts); default on. */
  webhookFastPath?: boolean;
  /** Storefront lookups answered before the middleware chain (storefront-proxy.ts); default on. */
  storefrontFirst?: boolean;
}

/** Whether the path's last segment names a file (`favicon.svg`), as every public file does. */
export function hasFileExtension(path: string): boolean {
  return /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf("/") + 1));
}

/**
 * The production HTTP pipeline in front of the Remix build, in the order a request meets it:
 * security headers, compression, static files, webhook method and header checks, the body limit
 * (read and counted before anything parses or verifies it), then Remix. In front of it all, the
 * webhook fast path, which passes on whatever it would not answer exactly like the rest.
 */
export function createHttpApp(options: HttpAppOptions): RequestListener {
  const storefront = storefrontProxy({ build: options.build, trustedProxyHops: options.trustedProxyHops, bodyLimits: options.bodyLimits ?? DEFAULT_BODY_LIMITS });
  const app = expressApp(options, storefront);
  // Outside Express: its request decoration and query parsing are work a delivery or the usual
  // storefront lookup does not need. Each passes on what it would not answer like the rest.
  const answerWebhook = options.webhookFastPath === false ? null : buildWebhookAnswer(options.build);
  const fastPath = answerWebhook
    ? webhookFastPath({ mode: options.mode, bodyLimits: options.bodyLimits ?? DEFAULT_BODY_LIMITS, shopCustomDomain: options.shopCustomDomain, answer: answerWebhook })
    : null;
  const lookups = storefront && options.storefrontFirst !== false ? storefront.first : null;
  if (!fastPath && !lookups) return app;
  return (req: IncomingMessage, res: ServerResponse) => {
    const toApp = () => app(req, res);
    const toLookups = lookups ? () => lookups(req, res, toApp) : toApp;
    if (fastPath) fastPath(req, res, toLookups);
    else toLookups();
  };
}

function expressApp(options: HttpAppOptions, storefront: ReturnType<typeof storefrontProxy>): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders());
  // Admin pages and their scripts are text of a megabyte or more, and the storefront's Liquid is
  // text too; gzip makes either a fraction of that.
  app.use(responseCompression());
  if (options.publicDir) {
    app.use("/build", buildAssets(`${options.publicDir}/build`));
    // Every public file has an extension; app routes (/apps/track, /webhooks/…, /app) have none,
    // and skipping them spares each of their requests a file-system lookup.
    const files = express.static(options.publicDir, { maxAge: "1h" });
    app.use((req: Request, res: Response, next: NextFunction) => (hasFileExtension(req.path) ? files(req, res, next) : next()));
  }
  // Webhook endpoints only take deliveries; answered here so no route logs a missing loader.
  app.all("/webhooks/*", (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "POST") {
      res.status(405).set("Allow", "POST").end();
      return;
    }
    // Shopify always names a shop's permanent domain; anything else is a malformed request.
    const shop = req.headers["x-shopify-shop-domain"];
    if (!req.path.startsWith("/webhooks/carriers/") && typeof shop === "string" && !isShopDomain(shop, options.shopCustomDomain)) {
      res.status(400).type("text/plain").end("Invalid X-Shopify-Shop-Domain");
      return;
    }
    next();
  });
  app.use(limitBodies(options.bodyLimits ?? DEFAULT_BODY_LIMITS));
  // Storefront lookups (/apps/track) skip Remix: the route's own function, called directly.
  if (storefront) app.use(storefront.inChain);
  app.all("*", remixHandler(options));
  // Last resort: one line in the log, no stack trace or internals in the answer.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    console.error(`${req.method} ${req.path} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) res.status(500).type("text/plain").end("Internal error");
    else res.destroy();
  });
  return app;
}

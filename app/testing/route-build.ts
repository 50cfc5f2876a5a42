import type { ServerBuild } from "@remix-run/node";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as entry from "~/entry.server";
import * as root from "~/root";
import { createHttpApp, type HttpAppOptions } from "~/server/http-app";

/**
 * Every route that takes requests from outside the admin UI: Shopify webhooks, carrier pushes,
 * the app proxy, the extension APIs, health. File names as in app/routes.
 */
export const INBOUND_ROUTE_FILES = [
  "webhooks.app.scopes_update",
  "webhooks.app.uninstalled",
  "webhooks.carriers.$carrier",
  "webhooks.customers.data_request",
  "webhooks.customers.redact",
  "webhooks.fulfillments.create",
  "webhooks.fulfillments.update",
  "webhooks.orders.cancelled",
  "webhooks.orders.create",
  "webhooks.shop.redact",
  "apps.track",
  "api.customer-account.tracking",
  "api.admin.order-tracking",
  "api.admin.shipments.$id.resync",
  "healthz",
] as const;

/** Remix's flat-route file name → URL pattern (`a.b.$id` → `a/b/:id`). */
export function routePath(file: string): string {
  return file
    .split(".")
    .map((segment) => (segment.startsWith("$") ? `:${segment.slice(1)}` : segment))
    .join("/");
}

/**
 * A Remix server build of the real route modules and the real entry module, as `remix build`
 * would assemble it, without running the compiler: tests drive the production request pipeline
 * (http-app.ts) through it. Admin pages are not in it: paths outside these routes get the real
 * root's 404 document.
 */
export async function inboundRoutesBuild(): Promise<ServerBuild> {
  const routes: ServerBuild["routes"] = { root: { id: "root", path: "", module: root } };
  const manifestEntry = (id: string, parentId?: string) => ({
    id,
    parentId,
    module: `/build/${id}.js`,
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
  });
  for (const file of INBOUND_ROUTE_FILES) {
    const id = `routes/${file}`;
    routes[id] = { id, parentId: "root", path: routePath(file), module: await import(`../routes/${file}.tsx`) };
  }
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    // Only what rendering a document (a 404, say) reads: no browser ever loads these files.
    assets: { entry: { imports: [], module: "/build/entry.client.js" }, routes: { root: manifestEntry("root") }, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: false },
    isSpaMode: false,
  };
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close: () => Promise<void>;
}

/** The production HTTP app on the inbound routes, listening on a free loopback port. */
export async function startInboundServer(options: Partial<Omit<HttpAppOptions, "build">> = {}): Promise<RunningServer> {
  const app = createHttpApp({ build: await inboundRoutesBuild(), mode: "production", trustedProxyHops: 1, ...options });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

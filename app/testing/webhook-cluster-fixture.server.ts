import http from "node:http";
import { runWebServer } from "~/server/cluster.server";

/**
 * The production HTTP pipeline on the inbound routes (webhooks included) run through
 * runWebServer as WEB_CONCURRENCY processes, for the cluster tests on Postgres: each answer names
 * the process that served it (X-Served-By). PORT and DATABASE_URL come from the environment.
 */
await runWebServer(async () => {
  const { inboundRoutesBuild } = await import("./route-build");
  const { createHttpApp } = await import("~/server/http-app");
  const app = createHttpApp({ build: await inboundRoutesBuild(), mode: "production", trustedProxyHops: 1 });
  const server = http.createServer((request, response) => {
    response.setHeader("X-Served-By", String(process.pid));
    app(request, response);
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`listening ${process.pid}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
});

import crypto from "node:crypto";
import http from "node:http";
import { runWebServer } from "~/server/cluster.server";

/**
 * A minimal web server run through runWebServer (app/server/cluster.ts), for the cluster test:
 * POST writes a shop row in a transaction; every answer says which process served it and how its
 * SQLite connection checkpoints. PORT and DATABASE_URL come from the environment.
 */
await runWebServer(async () => {
  process.env.SQLITE_CHECKPOINTS ??= "background";
  const { database } = await import("~/data/client.server");
  const { db } = database();
  const server = http.createServer((request, response) => {
    void (async () => {
      if (request.method === "POST") {
        await db.$transaction(async (tx) => {
          await tx.shop.create({ data: { domain: `${crypto.randomUUID()}.myshopify.com` } });
        });
      }
      const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: bigint | number }[]>("PRAGMA wal_autocheckpoint");
      response.setHeader("Content-Type", "application/json");
      response.end(JSON.stringify({ pid: process.pid, checkpoints: process.env.SQLITE_CHECKPOINTS, autocheckpoint: Number(row?.wal_autocheckpoint) }));
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`listening ${process.pid}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
});

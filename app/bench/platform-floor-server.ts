import fs from "node:fs";
import http from "node:http";

/**
 * The platform's floor for `bench:track-page`: a bare Node HTTP server, started the way the
 * benchmark starts the production server (same runtime, loader and CPU reporter), that reads each
 * request's body and answers it with one fixed gzip body of a real lookup page's size
 * (FLOOR_BODY_FILE). No routing, signature, database, rendering or compression: what is left is
 * Node's HTTP and socket work per request, which no change to the app can remove. Benchmark only.
 */
const body = fs.readFileSync(process.env.FLOOR_BODY_FILE ?? "");
const headers = { "content-type": "application/liquid; charset=utf-8", "content-encoding": "gzip", "content-length": body.length, "cache-control": "no-store" };
http
  .createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, headers).end(body));
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? "127.0.0.1");

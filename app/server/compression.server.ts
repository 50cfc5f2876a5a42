import compression from "compression";
import type { Request, Response } from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";

/**
 * Response compression for the production server. The `compression` package compresses what
 * the MIME database calls compressible, which leaves out `application/liquid`: the storefront
 * tracking page's answer, a few KB of text per shopper lookup that the app proxy relays. Liquid
 * is text, so it is compressed like HTML.
 */
export function shouldCompress(request: IncomingMessage, response: ServerResponse): boolean {
  const type = String(response.getHeader("Content-Type") ?? "");
  if (/^application\/liquid\b/i.test(type)) return true;
  // The package's filter reads only the response's Content-Type, on any Node response.
  return compression.filter(request as Request, response as Response);
}

/** Below this many bytes an answer is sent as it is (the `compression` package's default). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

export function responseCompression() {
  return compression({ filter: shouldCompress, threshold: COMPRESSION_THRESHOLD_BYTES });
}

const ACCEPT_ENCODING_ENTRY = /^\s*([^\s;]+)\s*(?:;(.*))?$/;

/**
 * Whether `responseCompression` would pick gzip for a client sending this Accept-Encoding. It
 * prefers br, then gzip, over deflate and identity (the `negotiator` package's rules, which it
 * uses); this answers true only when gzip is named with the highest quality present and neither
 * br nor `*` is, where those rules always give gzip. Anything else: false, and the middleware decides.
 */
export function gzipIsNegotiated(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip = 0;
  let highest = 0;
  for (const part of acceptEncoding.split(",")) {
    const entry = ACCEPT_ENCODING_ENTRY.exec(part.trim());
    if (!entry) continue;
    const name = entry[1]!.toLowerCase();
    if (name === "br" || name === "*") return false;
    let quality = 1;
    for (const parameter of (entry[2] ?? "").split(";")) {
      const [key, value] = parameter.trim().split("=");
      if (key === "q") {
        quality = Number.parseFloat(value ?? "");
        break;
      }
    }
    if (!Number.isFinite(quality)) return false;
    if (name === "gzip") gzip = Math.max(gzip, quality);
    highest = Math.max(highest, quality);
  }
  return gzip > 0 && gzip >= highest;
}

const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/**
 * Whether `responseCompression` adds `Vary: Accept-Encoding` to an answer with these headers: it
 * does for every answer it may compress (a compressible type without `no-transform`), before it
 * looks at the size or the client's encodings.
 */
export function compressionVaries(request: IncomingMessage, response: ServerResponse): boolean {
  return shouldCompress(request, response) && !NO_TRANSFORM.test(String(response.getHeader("Cache-Control") ?? ""));
}

/**
 * zlib level of a whole answer's gzip: on the storefront's few KB of Liquid, level 1 costs less
 * CPU than the default 6 for slightly more bytes. The middleware keeps the default for everything
 * else (the admin's scripts are large and cached).
 */
export const WHOLE_ANSWER_GZIP_LEVEL = 1;

/**
 * For an answer written whole (headers set, body known): its gzip, with Content-Encoding set, when
 * `responseCompression` would gzip it: a compressible type, no `no-transform`, not HEAD, at least
 * the threshold, gzip negotiated. One synchronous deflate of the whole body (at
 * WHOLE_ANSWER_GZIP_LEVEL) costs a fraction of the middleware's stream and sends a Content-Length
 * instead of chunks. Null otherwise: the body goes out as it is and the middleware, still in front,
 * does what it always did (br, deflate, nothing).
 */
export function gzipWholeAnswer(request: IncomingMessage, response: ServerResponse, body: Buffer): Buffer | null {
  if (request.method === "HEAD" || body.length < COMPRESSION_THRESHOLD_BYTES) return null;
  if (response.hasHeader("Content-Encoding") || NO_TRANSFORM.test(String(response.getHeader("Cache-Control") ?? ""))) return null;
  if (!gzipIsNegotiated(request.headers["accept-encoding"]) || !shouldCompress(request, response)) return null;
  const gzipped = zlib.gzipSync(body, { level: WHOLE_ANSWER_GZIP_LEVEL });
  response.setHeader("Content-Encoding", "gzip");
  return gzipped;
}

import compression from "compression";
import type { Request, Response } from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import { BoundedCache } from "~/domain/bounded-cache";

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
 * zlib level of a whole answer's gzip (its stylesheet aside, see gzipPage): on the storefront's
 * few KB of Liquid, level 1 costs less CPU than the default 6 for slightly more bytes. The
 * middleware keeps the default for everything else (the admin's scripts are large and cached).
 */
export const WHOLE_ANSWER_GZIP_LEVEL = 1;

/**
 * For an answer written whole (headers set, body known): its gzip, with Content-Encoding set, when
 * `responseCompression` would gzip it: a compressible type, no `no-transform`, not HEAD, at least
 * the threshold, gzip negotiated. One synchronous deflate of the whole body (at
 * WHOLE_ANSWER_GZIP_LEVEL, see gzipPage) costs a fraction of the middleware's stream and sends a
 * Content-Length instead of chunks. Null otherwise: the body goes out as it is and the middleware,
 * still in front, does what it always did (br, deflate, nothing).
 */
export function gzipWholeAnswer(request: IncomingMessage, response: ServerResponse, text: string): Buffer | null {
  // A character is at least one byte: only a short text needs counting.
  if (request.method === "HEAD" || (text.length < COMPRESSION_THRESHOLD_BYTES && Buffer.byteLength(text) < COMPRESSION_THRESHOLD_BYTES)) return null;
  if (response.hasHeader("Content-Encoding") || NO_TRANSFORM.test(String(response.getHeader("Cache-Control") ?? ""))) return null;
  if (!gzipIsNegotiated(request.headers["accept-encoding"]) || !shouldCompress(request, response)) return null;
  const gzipped = gzipPage(text);
  response.setHeader("Content-Encoding", "gzip");
  return gzipped;
}

const STYLE_OPEN = "<style>";
const STYLE_CLOSE = "</style>";
/** A page's leading stylesheet, deflated once: the bytes, their CRC-32 and length. */
interface DeflatedStyle {
  deflated: Buffer;
  crc: number;
  length: number;
}
/** Distinct stylesheets kept: one per colour pair in use. */
const deflatedStyles = new BoundedCache<string, DeflatedStyle>(500);
/** ID1 ID2, deflate, no flags, no time, no extra flags, Unix (RFC 1952), as zlib writes them. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

function deflatedStyle(style: string): DeflatedStyle {
  return deflatedStyles.get(style, () => {
    const bytes = Buffer.from(style);
    // A full flush ends the stylesheet's blocks on a byte boundary with nothing pointing past
    // them, so any deflate stream may follow in the same gzip member.
    return { deflated: zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH }), crc: zlib.crc32(bytes), length: bytes.length };
  });
}

/**
 * The gzip of a page (RFC 1952, one member). A storefront page opens with its stylesheet, the
 * same on every page of a shop's colours and a third of the page: that part is deflated once and
 * kept, and only the rest is deflated per answer (at WHOLE_ANSWER_GZIP_LEVEL), its CRC-32
 * continued from the kept one. zlib has no call that takes an already deflated start; this is its
 * documented stream format put together around two of its deflates.
 */
export function gzipPage(text: string): Buffer {
  const close = text.startsWith(STYLE_OPEN) ? text.indexOf(STYLE_CLOSE) : -1;
  if (close < 0) return zlib.gzipSync(text, { level: WHOLE_ANSWER_GZIP_LEVEL });
  const styleEnd = close + STYLE_CLOSE.length;
  const style = deflatedStyle(text.slice(0, styleEnd));
  const rest = Buffer.from(text.slice(styleEnd));
  const deflatedRest = zlib.deflateRawSync(rest, { level: WHOLE_ANSWER_GZIP_LEVEL });
  const gzipped = Buffer.allocUnsafe(GZIP_HEADER.length + style.deflated.length + deflatedRest.length + 8);
  let at = GZIP_HEADER.copy(gzipped, 0);
  at += style.deflated.copy(gzipped, at);
  at += deflatedRest.copy(gzipped, at);
  at = gzipped.writeUInt32LE(zlib.crc32(rest, style.crc), at);
  gzipped.writeUInt32LE((style.length + rest.length) % 2 ** 32, at);
  return gzipped;
}

import express, { type NextFunction, type Request, type Response } from "express";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { assetHeaders, isScriptOrStylesheet } from "./security-headers.server";

/**
 * The build's scripts and stylesheets, compressed once when they are built instead of on every
 * answer: Brotli at its highest quality (11) and gzip at level 9, written beside each file as
 * `<name>.br` and `<name>.gz`. On the fly the compression middleware uses Brotli quality 4, the
 * level that pays for itself per request; quality 11 makes the admin pages' scripts about 15 %
 * smaller, and their first load is most of what an admin page costs on a slow connection.
 */
export const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;
type Encoding = (typeof PRECOMPRESSED)[number]["encoding"];

function* buildFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && isScriptOrStylesheet(entry.name)) yield path.join(entry.parentPath, entry.name);
  }
}

/** Writes `.br` and `.gz` beside every script and stylesheet under `dir` (public/build). Returns how many files. */
export function precompressBuildAssets(dir: string): number {
  let count = 0;
  for (const file of buildFiles(dir)) {
    const content = fs.readFileSync(file);
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(content, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }));
    count++;
  }
  return count;
}

const ACCEPT_ENCODING_ENTRY = /^\s*([^\s;]+)\s*(?:;(.*))?$/;

/**
 * The precompressed encoding to answer with for this Accept-Encoding: br when the client takes it
 * at least as gladly as gzip (as the compression middleware prefers it), else gzip, else none
 * (identity, or an encoding only the middleware can produce). `q=0` refuses; `*` stands for
 * any encoding not named.
 */
export function precompressedEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const quality = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const entry = ACCEPT_ENCODING_ENTRY.exec(part.trim());
    if (!entry) continue;
    let q = 1;
    for (const parameter of (entry[2] ?? "").split(";")) {
      const [key, value] = parameter.trim().split("=");
      if (key?.toLowerCase() === "q") q = Number.parseFloat(value ?? "");
    }
    if (!Number.isFinite(q)) continue;
    const name = entry[1]!.toLowerCase();
    quality.set(name, Math.max(quality.get(name) ?? 0, q));
  }
  const of = (name: Encoding) => quality.get(name) ?? quality.get("*") ?? 0;
  const br = of("br");
  const gzip = of("gzip");
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return null;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".mjs": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
};

/**
 * Serves public/build: fingerprinted, so cached for a year as immutable, and a changed file has a
 * new name, so a copy is never revalidated and ETag, Last-Modified and Accept-Ranges would be bytes
 * in every answer's head for nothing. A script or stylesheet goes out as its precompressed copy
 * when the client accepts that encoding and the copy exists (Content-Length, no compression on the
 * fly); otherwise as the file, which the compression middleware compresses as before.
 */
export function buildAssets(dir: string): express.Handler {
  const options = { immutable: true, maxAge: "1y", etag: false, lastModified: false, acceptRanges: false, index: false } as const;
  const plain = express.static(dir, { ...options, setHeaders: assetHeaders });
  // One static handler per encoding, over the same folder: `setHeaders` is called only once the
  // compressed copy is found and about to be sent.
  const precompressed = new Map<Encoding, express.Handler>(
    PRECOMPRESSED.map(({ encoding, suffix }) => [
      encoding,
      express.static(dir, {
        ...options,
        setHeaders(res: Response, filePath: string) {
          const original = filePath.slice(0, -suffix.length);
          res.setHeader("Content-Type", CONTENT_TYPES[path.extname(original)]!);
          res.setHeader("Content-Encoding", encoding);
          res.vary("Accept-Encoding");
          assetHeaders(res, original);
        },
      }),
    ]),
  );
  return (req: Request, res: Response, next: NextFunction) => {
    const encoding = (req.method === "GET" || req.method === "HEAD") && isScriptOrStylesheet(req.path) ? precompressedEncoding(req.headers["accept-encoding"]) : null;
    if (!encoding) return plain(req, res, next);
    const url = req.url;
    req.url = `${req.path}${PRECOMPRESSED.find((entry) => entry.encoding === encoding)!.suffix}`;
    precompressed.get(encoding)!(req, res, (error?: unknown) => {
      req.url = url;
      if (error) return next(error);
      // No compressed copy (a build without them): the file itself.
      plain(req, res, next);
    });
  };
}

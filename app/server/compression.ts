import compression from "compression";
import type { Request, Response } from "express";

/**
 * Response compression for the production server. The `compression` package compresses what
 * the MIME database calls compressible, which leaves out `application/liquid`: the storefront
 * tracking page's answer, a few KB of text per shopper lookup that the app proxy relays. Liquid
 * is text, so it is compressed like HTML.
 */
export function shouldCompress(request: Request, response: Response): boolean {
  const type = String(response.getHeader("Content-Type") ?? "");
  if (/^application\/liquid\b/i.test(type)) return true;
  return compression.filter(request, response);
}

export function responseCompression() {
  return compression({ filter: shouldCompress });
}

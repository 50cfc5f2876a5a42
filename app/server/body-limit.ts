import type { NextFunction, Request, Response } from "express";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * Largest request body accepted per route family, in bytes. A body is counted while it streams
 * in and refused with 413 the moment it passes its limit, before any parsing or signature check,
 * so no request can make the server hold more than its limit in memory.
 */
export interface BodyLimits {
  /** Shopify webhooks. Shopify documents payloads up to 1,000,000 bytes (its EventBridge cap,
   * beyond which it sends a stub) and says HTTP bodies can pass a megabyte for orders with many
   * line items (`orders/cancelled` carries the whole order): 4 MiB leaves four times that. */
  shopifyWebhook: number;
  /** Carrier pushes (17TRACK, UPS Track Alert, DHL): one parcel's events per message, tens of
   * kilobytes even with hundreds of scans; 1 MiB is ten times the largest seen. */
  carrierPush: number;
  /** The storefront tracking page: a lookup form of a few short fields. */
  trackingPage: number;
  /** Everything else (admin forms, extension APIs): small JSON and forms. */
  other: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  shopifyWebhook: 4 * 1024 * 1024,
  carrierPush: 1024 * 1024,
  trackingPage: 8 * 1024,
  other: 1024 * 1024,
};

export function bodyLimitFor(pathname: string, limits: BodyLimits = DEFAULT_BODY_LIMITS): number {
  if (pathname.startsWith("/webhooks/carriers/")) return limits.carrierPush;
  if (pathname.startsWith("/webhooks/")) return limits.shopifyWebhook;
  if (pathname === "/apps/track" || pathname.startsWith("/apps/track/")) return limits.trackingPage;
  return limits.other;
}

/** Where the middleware leaves the body it read (absent for GET and HEAD). */
export function bufferedBody(res: Response): Buffer | undefined {
  return res.locals.body as Buffer | undefined;
}

/**
 * Reads a body whose declared Content-Length is already known to be within its limit (Node's
 * parser reads no more than a request declares), then calls `done` with it. For the paths that
 * answer before the middleware chain; anything else goes through `limitBodies`.
 */
export function readDeclaredBody(req: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
  });
  // A client that disconnects mid-body gets no answer; there is no one left to read it.
  req.on("error", () => req.socket.destroy());
  req.on("end", () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
}

/** How long a refused client may keep the socket to read its 413 before it is cut off. */
const REFUSED_SOCKET_GRACE_MS = 1_000;

/**
 * After a `Connection: close` answer Node ends the socket and destroys it at once. With the
 * client's unread body still in the socket's buffer, the kernel then sends a reset that may
 * overtake the answer and erase it (RFC 9112 §9.6), so the client sees a dropped connection
 * instead of its 413. Here the close is staged: the answer and a FIN go out, nothing more is
 * read, and the socket is destroyed only after the grace period.
 */
function closeLingering(socket: Socket): void {
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), REFUSED_SOCKET_GRACE_MS).unref();
  };
}

/**
 * Reads the body up to its route's limit into `res.locals.body`. A declared Content-Length over
 * the limit is refused without reading a byte; a chunked body is refused at the first chunk that
 * passes it. The connection is then closed: reading on to keep it alive is what the limit prevents.
 */
export function limitBodies(limits: BodyLimits = DEFAULT_BODY_LIMITS) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path, limits);
    const refuse = () => {
      req.pause();
      req.removeAllListeners("data");
      // Taking the body (a read of nothing) stops Node from draining it after the answer; it
      // would otherwise read the rest of a declared body during the grace period.
      req.read(0);
      closeLingering(req.socket);
      res.status(413).set({ Connection: "close", "Content-Type": "text/plain; charset=utf-8" }).end(`Request body larger than ${limit} bytes`);
    };
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      res.locals.body = Buffer.concat(chunks, size);
      next();
    });
    // A client that disconnects mid-body gets no answer; there is no one left to read it.
    req.on("error", () => req.socket.destroy());
  };
}

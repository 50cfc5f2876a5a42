import { assertSupportedNode } from "./config/node-version";
assertSupportedNode();

import { Writable } from "node:stream";
import { type ActionFunctionArgs, type EntryContext, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { inlineCriticalCss } from "./components/critical-css.server";
import { addDocumentResponseHeaders } from "./shopify/shopify.server";

/**
 * What the production server answers without Remix (app/server/webhook-fast-path.ts), taken
 * from the build so that it and the routes share one copy of every module: one database client,
 * one group commit.
 */
export { answerShopifyWebhook } from "./services/ingestion/webhook-request.server";

const ABORT_DELAY_MS = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);

  // The whole document is rendered before it is sent (no page suspends on the server): its head
  // gets the rules its HTML uses (critical-css.server.ts), which only the whole HTML tells.
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />,
      {
        onAllReady() {
          const sink = new Writable({
            write(chunk: Buffer | string, _encoding, done) {
              chunks.push(Buffer.from(chunk));
              done();
            },
            final(done) {
              responseHeaders.set("Content-Type", "text/html");
              resolve(new Response(inlineCriticalCss(Buffer.concat(chunks).toString("utf8")), { headers: responseHeaders, status: responseStatusCode }));
              done();
            },
          });
          pipe(sink);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          // A 404 or 405 Remix refused is rendered by the root's error boundary, not an app fault.
          if (isRouteErrorResponse(error) && error.status < 500) return;
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}

/**
 * Remix logs every error with its stack by default, including requests it refuses itself (no
 * such route, a method the route does not take): scanners would fill the log with stacks. Those
 * are the client's mistake and get only their 4xx; everything else is logged as before.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Remix's own guard against a form post from another origin throws a plain Error; the server
  // answers it 403 (app/server/remix-handler.ts).
  if (error instanceof Error && /header does not match `origin` header|headers are not provided\. One of these is needed to compare the `origin`/.test(error.message)) {
    context.crossOriginRefused = true;
    return;
  }
  console.error(error);
}

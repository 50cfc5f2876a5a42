import { assertSupportedNode } from "./config/node-version";
assertSupportedNode();

import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type ActionFunctionArgs, type EntryContext, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
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
  const userAgent = request.headers.get("user-agent");
  const readyEvent = userAgent && isbot(userAgent) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />,
      {
        [readyEvent]: () => {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
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

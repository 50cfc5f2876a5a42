import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { CriticalStyles } from "~/components/critical-styles";

export default function App() {
  // The admin layout resolves the staff member's locale; other pages are English documents or set their own.
  const lang = useRouteLoaderData<{ i18n?: { locale: string } }>("routes/app")?.i18n?.locale ?? "en";
  // `<html data-hydrated>` once React owns the page: before that the DOM must be left exactly as
  // the server sent it (anything that touches it, e.g. a screenshot tool hiding the text caret
  // with an inline style on every input, makes hydration find attributes it did not render).
  // Browser tests wait for it before they interact.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
        <CriticalStyles />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * Unknown paths and refused methods end here. Remix's default boundary logs each one with its
 * stack, which lets any scanner fill the log; server faults are already logged by the entry's
 * handleError, so this one only renders.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{status === 404 ? "Not found" : "Error"}</title>
        <Meta />
        <Links />
      </head>
      <body>
        <p>{status === 404 ? "There is nothing at this address." : status < 500 ? "This request could not be handled." : "Something went wrong."}</p>
        <Scripts />
      </body>
    </html>
  );
}

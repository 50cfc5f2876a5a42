import { json, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AdminAppProvider } from "~/components/AdminAppProvider";
import { StylesheetAfterContent } from "~/components/critical-styles";
import { BackfillBanner } from "~/components/BackfillBanner";
import "~/components/demo-frame.server";
import { appEnv } from "~/config/env.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { adminMessages, polarisTranslations } from "~/i18n/catalog.server";
import { useAdminIntl } from "~/i18n/use-admin-intl";
import { backfillBanner } from "~/services/backfill/banner.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

const NAV_ITEMS = [
  { url: "/app", label: "nav.dashboard", exactMatch: true },
  { url: "/app/shipments", label: "nav.shipments", exactMatch: false },
  { url: "/app/wismo", label: "nav.wismo", exactMatch: false },
  { url: "/app/estimates", label: "nav.estimates", exactMatch: false },
  { url: "/app/worklist", label: "nav.worklist", exactMatch: false },
  { url: "/app/settings", label: "nav.settings", exactMatch: false },
  { url: "/app/notifications", label: "nav.notifications", exactMatch: false },
] as const;
/** Demo mode only: the mailbox of the demo's local SMTP server. */
const DEMO_NAV_ITEMS = [{ url: "/app/demo-inbox", label: "nav.demoInbox", exactMatch: false }] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { locale, setCookie } = adminLocale(request);
  const i18n = { locale, messages: adminMessages(locale), polaris: polarisTranslations(locale) };
  const data = { apiKey: appEnv().SHOPIFY_API_KEY ?? "", demo: isDemoMode, shop, backfill: await backfillBanner(shop), i18n };
  return json(data, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export default function AppLayout() {
  const { apiKey, demo, i18n } = useLoaderData<typeof loader>();
  return (
    <>
      <AdminAppProvider embedded={!demo} apiKey={demo ? "" : apiKey} i18n={i18n}>
        <AppNavigation demo={demo} />
      </AdminAppProvider>
      {/* Polaris's stylesheet after the page: the rules the page uses are in the head (root.tsx). */}
      <StylesheetAfterContent href={polarisStyles} />
    </>
  );
}

function AppNavigation({ demo }: { demo: boolean }) {
  const { t } = useAdminIntl();
  const location = useLocation();
  if (demo) {
    // Outside the Shopify admin there is no App Bridge: Polaris draws the navigation itself.
    // Its module is at hand: the server imports it, the browser fetches it before hydrating a
    // demo page (app/entry.client.tsx).
    const DemoFrame = globalThis.tracklineDemoFrame;
    if (!DemoFrame) throw new Error("the demo's layout is drawn before its module was loaded");
    return (
      <DemoFrame location={location.pathname} items={[...NAV_ITEMS, ...DEMO_NAV_ITEMS].map((item) => ({ ...item, label: t(item.label) }))}>
        <BackfillBanner />
        <Outlet />
      </DemoFrame>
    );
  }
  return (
    <>
      <NavMenu>
        {NAV_ITEMS.map((item) => (
          <Link key={item.url} to={item.url} rel={item.url === "/app" ? "home" : undefined}>
            {t(item.label)}
          </Link>
        ))}
      </NavMenu>
      {/* Outside the demo's Frame nothing else draws a main landmark: every page sits in this one. */}
      <main>
        <BackfillBanner />
        <Outlet />
      </main>
    </>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

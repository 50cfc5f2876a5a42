import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Frame, Navigation } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AdminAppProvider } from "../components/AdminAppProvider";
import { BackfillBanner } from "../components/BackfillBanner";
import { appEnv } from "../config/env.server";
import { backfillBanner } from "../services/backfill/banner.server";
import { isDemoMode, requireAdmin } from "../shopify/shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const NAV_ITEMS = [
  { url: "/app", label: "Dashboard", exactMatch: true },
  { url: "/app/shipments", label: "Shipments", exactMatch: false },
  { url: "/app/estimates", label: "Delivery estimates", exactMatch: false },
  { url: "/app/worklist", label: "Needs attention", exactMatch: false },
  { url: "/app/settings", label: "Settings", exactMatch: false },
  { url: "/app/notifications", label: "Notifications", exactMatch: false },
] as const;
/** Demo mode only: the mailbox of the demo's local SMTP server. */
const DEMO_NAV_ITEMS = [{ url: "/app/demo-inbox", label: "Demo inbox", exactMatch: false }] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return { apiKey: appEnv().SHOPIFY_API_KEY ?? "", demo: isDemoMode, shop, backfill: await backfillBanner(shop) };
}

export default function AppLayout() {
  const { apiKey, demo } = useLoaderData<typeof loader>();
  const location = useLocation();
  if (demo) {
    // Outside the Shopify admin there is no App Bridge: Polaris draws the navigation itself.
    return (
      <AdminAppProvider embedded={false} apiKey="">
        <Frame
          navigation={
            <Navigation location={location.pathname}>
              <Navigation.Section items={[...NAV_ITEMS, ...DEMO_NAV_ITEMS].map((item) => ({ ...item }))} />
            </Navigation>
          }
        >
          <BackfillBanner />
          <Outlet />
        </Frame>
      </AdminAppProvider>
    );
  }
  return (
    <AdminAppProvider embedded apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/shipments">Shipments</Link>
        <Link to="/app/wismo">WISMO</Link>
        <Link to="/app/estimates">Delivery estimates</Link>
        <Link to="/app/worklist">Needs attention</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/notifications">Notifications</Link>
      </NavMenu>
      <BackfillBanner />
      <Outlet />
    </AdminAppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

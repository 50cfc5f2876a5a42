import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { worklistSummary } from "../services/worklist/worklist.server";
import { useLoaderData } from "@remix-run/react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { DashboardPage } from "../components/DashboardPage";
import { database } from "../data/client.server";
import { freshnessSamples } from "../data/freshness.server";
import { messageActivity } from "../data/notifications.server";
import { unmappedCarrierCodes } from "../data/unmapped-codes.server";
import { summarizeFreshness } from "../domain/freshness";
import { loadDashboard } from "../services/analytics/dashboard.server";
import { PeriodError } from "../services/analytics/period";
import { requireAdmin } from "../shopify/shopify.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Trackline" }];
export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db, provider } = database();
  const search = new URL(request.url).searchParams;
  const now = new Date();
  const unmappedCodes = await unmappedCarrierCodes(db, shop);
  const freshness = summarizeFreshness(await freshnessSamples(db, shop, new Date(now.getTime() - 7 * 86_400_000)));
  const messages = await messageActivity(db, shop, new Date(now.getTime() - 30 * 86_400_000));
  try {
    return { shop, periodError: null, dashboard: await loadDashboard(db, provider, shop, { search, now }), unmappedCodes, freshness, messages, worklist: await worklistSummary(db, shop, now) };
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    // A bad custom range shows the default period with the reason, rather than an error page.
    const dashboard = await loadDashboard(db, provider, shop, { search: new URLSearchParams(), now });
    return { shop, periodError: error.message, dashboard, unmappedCodes, freshness, messages, worklist: await worklistSummary(db, shop, now) };
  }
}

export default function DashboardRoute() {
  const data = useLoaderData<typeof loader>();
  return <DashboardPage {...data} />;
}

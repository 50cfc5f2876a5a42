import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DashboardPage } from "~/components/DashboardPage";
import { SetupGuide, SetupGuideHiddenNote } from "~/components/SetupGuide";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { freshnessSamples, writtenSamples } from "~/data/freshness.server";
import { messageActivity } from "~/data/notifications.server";
import { unmappedCarrierCodes } from "~/data/unmapped-codes.server";
import { DEMO_API_KEY } from "~/config/demo-mode.server";
import { summarizeFreshness } from "~/domain/freshness";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { loadDashboard } from "~/services/analytics/dashboard.server";
import { PeriodError } from "~/services/analytics/period";
import { applySetupIntent, isSetupIntent, loadSetupGuide } from "~/services/setup/setup-guide.server";
import { worklistSummary } from "~/services/worklist/worklist.server";
import { returnTransitSummary } from "~/services/analytics/return-transit.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Dashboard · Trackline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db, provider } = database();
  const t = adminTranslator(adminLocale(request).locale);
  const search = new URL(request.url).searchParams;
  const now = new Date();
  const unmappedCodes = await unmappedCarrierCodes(db, shop);
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const freshness = summarizeFreshness(await freshnessSamples(db, shop, week), await writtenSamples(db, shop, week));
  const messages = await messageActivity(db, shop, new Date(now.getTime() - 30 * 86_400_000));
  const setup = await loadSetupGuide(db, shop, isDemoMode ? DEMO_API_KEY : (appEnv().SHOPIFY_API_KEY ?? ""));
  const common = { shop, metaTitle: t("dashboard.metaTitle"), unmappedCodes, freshness, messages, setup };
  try {
    const dashboard = await loadDashboard(db, provider, shop, { search, now });
    return { ...common, periodError: null, dashboard, worklist: await worklistSummary(db, shop, now), returnTransit: await returnTransitSummary(db, shop, dashboard.period) };
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    // A bad custom range shows the default period with the reason, rather than an error page.
    const dashboard = await loadDashboard(db, provider, shop, { search: new URLSearchParams(), now });
    return { ...common, periodError: error.message, dashboard, worklist: await worklistSummary(db, shop, now), returnTransit: await returnTransitSummary(db, shop, dashboard.period) };
  }
}

/** The setup guide's buttons: confirm the theme block, mark notifications reviewed, hide or show the guide. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const intent = (await request.formData()).get("intent");
  if (!isSetupIntent(intent)) return json({ ok: false }, { status: 400 });
  const applied = await applySetupIntent(database().db, shop, intent, new Date());
  return json({ ok: applied }, { status: applied ? 200 : 404 });
}

export default function DashboardRoute() {
  const { setup, metaTitle: _title, ...data } = useLoaderData<typeof loader>();
  return (
    <DashboardPage {...data}>
      {setup && <SetupGuide guide={setup} />}
      {setup && <SetupGuideHiddenNote guide={setup} />}
    </DashboardPage>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { WismoPage, type WismoActionResult } from "~/components/WismoPage";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { PeriodError } from "~/services/analytics/period";
import { loadWismoDashboard } from "~/services/wismo/dashboard.server";
import { HELPDESK_KINDS, MIN_SECRET_LENGTH, saveHelpdeskSecret, saveMeasurementSettings, WismoSettingsError, type HelpdeskKind } from "~/services/wismo/settings.server";
import { MAX_HOLDOUT_PERCENT } from "~/domain/wismo/holdout";
import { adminKeyTranslator, adminTranslator, translateFieldErrors } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "WISMO"} · Trackline` }];
export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const url = new URL(request.url);
  const now = new Date();
  const base = { title: adminTranslator(adminLocale(request).locale)("wismo.title"), shop, appUrl: url.origin, credentialsAvailable: Boolean(appEnv().CREDENTIALS_KEY) };
  try {
    return { ...base, periodError: null, dashboard: await loadWismoDashboard(db, shop, { search: url.searchParams, now, credentialsKey: appEnv().CREDENTIALS_KEY }) };
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    return { ...base, periodError: error.message, dashboard: await loadWismoDashboard(db, shop, { search: new URLSearchParams(), now, credentialsKey: appEnv().CREDENTIALS_KEY }) };
  }
}

const HELPDESK_NAMES: Record<HelpdeskKind, string> = { zendesk: "Zendesk", gorgias: "Gorgias", api: "API" };


export async function action({ request }: ActionFunctionArgs): Promise<WismoActionResult> {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const key = appEnv().CREDENTIALS_KEY;
  const t = adminTranslator(adminLocale(request).locale);
  try {
    if (intent === "measurement") {
      const percent = String(form.get("holdoutPercent") ?? "").trim();
      await saveMeasurementSettings(
        db,
        shop,
        { holdoutEnabled: form.get("holdoutEnabled") === "on", holdoutPercent: percent === "" ? Number.NaN : Number(percent), keepMessages: form.get("keepMessages") === "on" },
        { credentialsKey: key, now: new Date() },
      );
      return { intent, ok: true, message: t("wismo.measurementSaved"), fieldErrors: {} };
    }
    if (intent === "helpdesk-secret") {
      const kind = String(form.get("kind") ?? "") as HelpdeskKind;
      if (!HELPDESK_KINDS.includes(kind)) return { intent, ok: false, message: t("wismo.unknownHelpdesk"), fieldErrors: {} };
      const secret = await saveHelpdeskSecret(db, shop, { kind, secret: String(form.get("secret") ?? ""), credentialsKey: key });
      // A generated secret is shown once, to paste into the helpdesk; a pasted one is not echoed.
      return { intent, ok: true, message: t("wismo.secretSaved", { helpdesk: HELPDESK_NAMES[kind] }), fieldErrors: {}, ...(String(form.get("secret") ?? "").trim() === "" ? { secret } : {}) };
    }
    return { intent, ok: false, message: t("wismo.unknownAction"), fieldErrors: {} };
  } catch (error) {
    if (error instanceof WismoSettingsError) {
      const translate = adminKeyTranslator(adminLocale(request).locale);
      const values = { max: MAX_HOLDOUT_PERCENT, min: MIN_SECRET_LENGTH };
      return { intent, ok: false, message: translate(error.message, values), fieldErrors: translateFieldErrors(translate, error.fieldErrors, values) };
    }
    throw error;
  }
}

export default function WismoRoute() {
  const data = useLoaderData<typeof loader>();
  return <WismoPage {...data} />;
}

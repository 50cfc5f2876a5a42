import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { EstimatesPage } from "~/components/EstimatesPage";
import { database } from "~/data/client.server";
import { loadEstimatesPage } from "~/services/estimates/calibration.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Delivery estimates"} · Trackline` }];
export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const t = adminTranslator(adminLocale(request).locale);
  return { title: t("estimates.title"), page: await loadEstimatesPage(db, shop, { now: new Date() }) };
}

export default function EstimatesRoute() {
  const { page } = useLoaderData<typeof loader>();
  return <EstimatesPage page={page} />;
}

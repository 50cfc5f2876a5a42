import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ShipmentsPage } from "~/components/ShipmentsPage";
import { database } from "~/data/client.server";
import { latestShipmentJob } from "~/data/shipment-jobs.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { exportFilterOf, exportSize } from "~/services/shipments/export-filter.server";
import { EXPORT_INLINE_LIMIT, shipmentJobView, startBulkResync, startEventsExport, startExport } from "~/services/shipments/jobs.server";
import { exportEventCount } from "~/data/event-exports.server";
import { loadShipmentList } from "~/services/shipments/list.server";
import { deleteShipmentView, MAX_SAVED_VIEWS, MAX_VIEW_NAME, saveShipmentView } from "~/services/shipments/saved-views.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Shipments"} · Trackline` }];

/** A finished job's result stays on the list for a day (the merchant comes back to it). */
const SHOW_FINISHED_JOB_MS = 24 * 3_600_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const now = Date.now();
  const [view, resyncJob, exportJob] = await Promise.all([
    loadShipmentList(db, shop, new URL(request.url).searchParams, { adminLinks: isDemoMode ? "web" : "embedded" }),
    latestShipmentJob(db, shop, ["resync"]),
    latestShipmentJob(db, shop, ["export", "events_export"]),
  ]);
  const recent = (job: typeof resyncJob) => (job && (!job.finishedAt || now - job.finishedAt.getTime() < SHOW_FINISHED_JOB_MS) ? shipmentJobView(job) : null);
  const t = adminTranslator(adminLocale(request).locale);
  return { shop, ...view, jobs: { resync: recent(resyncJob), export: recent(exportJob) }, pageTitle: t("shipments.title") };
}

/**
 * The list's actions: bulk "resync" (queued as a background job: no request waits on carriers),
 * "export" (immediate below EXPORT_INLINE_LIMIT rows, else a background job), and saving or
 * deleting a view. Errors come back translated, with their status code.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const t = adminTranslator(adminLocale(request).locale);
  const form = await request.formData();
  const { db } = database();
  const now = new Date();
  switch (form.get("intent")) {
    case "resync": {
      const ids = form.getAll("id").map(String).filter(Boolean);
      if (ids.length === 0) return json({ intent: "resync", error: t("shipments.selectToResync") }, { status: 400 });
      const job = await startBulkResync(db, shop, ids, now);
      if (!job) return json({ intent: "resync", error: t("shipments.noneOfShop") }, { status: 404 });
      return json({ intent: "resync", job: shipmentJobView(job) }, { status: 202 });
    }
    case "export": {
      const search = new URLSearchParams(String(form.get("search") ?? ""));
      search.delete("after");
      const total = await exportSize(db, shop, await exportFilterOf(db, shop, search));
      if (total <= EXPORT_INLINE_LIMIT) {
        const query = search.toString();
        return json({ intent: "export", url: `/app/shipments/export${query ? `?${query}` : ""}` }, { status: 200 });
      }
      const job = await startExport(db, shop, search, total, now);
      return json({ intent: "export", job: shipmentJobView(job) }, { status: 202 });
    }
    case "events_export": {
      // Carrier events: the file's rows are events, so their count decides, like the shipments export.
      const search = new URLSearchParams(String(form.get("search") ?? ""));
      search.delete("after");
      const total = await exportEventCount(db, shop, await exportFilterOf(db, shop, search));
      if (total <= EXPORT_INLINE_LIMIT) {
        const query = search.toString();
        return json({ intent: "events_export", url: `/app/shipments/events-export${query ? `?${query}` : ""}` }, { status: 200 });
      }
      const job = await startEventsExport(db, shop, search, total, now);
      return json({ intent: "events_export", job: shipmentJobView(job) }, { status: 202 });
    }
    case "save_view": {
      const result = await saveShipmentView(db, shop, String(form.get("name") ?? ""), new URLSearchParams(String(form.get("search") ?? "")));
      if (!result.ok) {
        const message =
          result.error === "name_required"
            ? t("shipments.viewNameRequired")
            : result.error === "name_too_long"
              ? t("shipments.viewNameTooLong", { max: MAX_VIEW_NAME })
              : t("shipments.tooManyViews", { max: MAX_SAVED_VIEWS });
        return json({ intent: "save_view", error: message }, { status: 400 });
      }
      return json({ intent: "save_view", view: result.view, message: t("shipments.viewSaved", { name: result.view.name }) }, { status: 200 });
    }
    case "delete_view": {
      const deleted = await deleteShipmentView(db, shop, String(form.get("viewId") ?? ""));
      if (!deleted) return json({ intent: "delete_view", error: t("shipments.viewNotFound") }, { status: 404 });
      return json({ intent: "delete_view", message: t("shipments.viewDeleted") }, { status: 200 });
    }
    default:
      return json({ intent: null, error: t("shipments.unknownAction") }, { status: 400 });
  }
}

export default function ShipmentsRoute() {
  const data = useLoaderData<typeof loader>();
  return <ShipmentsPage {...data} />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { WorklistPage } from "~/components/WorklistPage";
import { database } from "~/data/client.server";
import { listDisputes, shopDisputeSettings } from "~/data/disputes.server";
import { changeWorklistItem, pickupAttentionDays, setAfterDeliverySettings } from "~/data/worklist.server";
import { isWorklistState } from "~/domain/worklist";
import { loadWorklist, parseWorklistFilter } from "~/services/worklist/worklist.server";
import { syncShipmentNow } from "~/services/sync/sync-now.server";
import { resyncShipments } from "~/services/shipments/resync.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { requireStaff } from "~/shopify/staff.server";
import { appEnv } from "~/config/env.server";
import { contactKey } from "~/services/notifications/contacts.server";
import { emailShopperFromWorklist } from "~/services/worklist/shopper-email.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Needs attention"} · Trackline` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, staff } = await requireStaff(request);
  const { db } = database();
  const now = new Date();
  const filter = parseWorklistFilter(new URL(request.url).searchParams);
  const [worklist, disputes, settings, pickupDays] = await Promise.all([
    loadWorklist(db, shop, filter, now),
    listDisputes(db, shop, 50),
    shopDisputeSettings(db, shop),
    pickupAttentionDays(db, shop),
  ]);
  return {
    title: adminTranslator(adminLocale(request).locale)("worklist.title"),
    staff,
    ...worklist,
    disputes: disputes.map((dispute) => ({
      id: dispute.id,
      orderId: dispute.orderId,
      reason: dispute.reason,
      status: dispute.status,
      orderKnown: dispute.orderKnown,
      evidenceState: dispute.evidenceState,
      evidenceError: dispute.evidenceError,
      amount: dispute.amount,
      currency: dispute.currency,
      evidenceDueBy: dispute.evidenceDueBy?.toISOString() ?? null,
    })),
    settings: { disputeEvidenceMode: settings.disputeEvidenceMode, pickupAttentionDays: pickupDays },
  };
}

const EVIDENCE_MODES = ["download", "attach", "attach_and_submit"];

/** One change per post: state, assignment, note, resync, or the page's settings; all audited. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop, staff } = await requireStaff(request);
  const { db } = database();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const itemId = String(form.get("itemId") ?? "");
  const now = new Date();
  const t = adminTranslator(adminLocale(request).locale);
  switch (intent) {
    case "state": {
      const state = String(form.get("state") ?? "");
      if (!isWorklistState(state)) return { ok: false, message: t("worklist.unknownState") };
      const found = await changeWorklistItem(db, shop, itemId, { state }, staff.name, now);
      return found ? { ok: true, message: state === "resolved" ? t("worklist.markedResolved") : t("worklist.stateChanged") } : { ok: false, message: t("worklist.noSuchItem") };
    }
    case "assign": {
      const assignee = form.get("assignee") === "me" ? staff : null;
      const found = await changeWorklistItem(db, shop, itemId, { assignee }, staff.name, now);
      return found ? { ok: true, message: assignee ? t("worklist.assignedTo", { name: staff.name }) : t("worklist.unassignedDone") } : { ok: false, message: t("worklist.noSuchItem") };
    }
    case "note": {
      const note = String(form.get("note") ?? "").trim();
      if (!note) return { ok: false, message: t("worklist.writeNoteFirst") };
      const found = await changeWorklistItem(db, shop, itemId, { note }, staff.name, now);
      return found ? { ok: true, message: t("worklist.noteAdded") } : { ok: false, message: t("worklist.noSuchItem") };
    }
    case "email": {
      const outcome = await emailShopperFromWorklist(db, { shopDomain: shop, itemId, template: String(form.get("template") ?? ""), actor: staff.name, now, key: contactKey(appEnv()) });
      if (outcome.ok) return { ok: true, message: t("worklist.emailQueued") };
      const refusals = {
        no_item: "worklist.noSuchItem",
        no_parcel: "worklist.emailNoParcel",
        wrong_template: "worklist.emailWrongTemplate",
        no_email_channel: "worklist.emailNoChannel",
        no_contact: "worklist.emailNoContact",
      } as const;
      return { ok: false, message: t(refusals[outcome.reason]) };
    }
    case "resync": {
      const shipmentId = String(form.get("shipmentId") ?? "");
      const outcome = await resyncShipments(db, shop, [shipmentId], syncShipmentNow);
      return outcome.synced > 0
        ? { ok: true, message: outcome.changed ? t("worklist.resyncedChanged") : t("worklist.resyncedSame") }
        : { ok: false, message: outcome.failed[0] ? `${t("worklist.resyncFailed")}: ${outcome.failed[0].message}` : t("worklist.resyncFailed") };
    }
    case "settings": {
      const mode = String(form.get("disputeEvidenceMode") ?? "");
      const days = Number(form.get("pickupAttentionDays"));
      if (!EVIDENCE_MODES.includes(mode) || !Number.isInteger(days) || days < 1 || days > 30) return { ok: false, message: t("worklist.checkSettings") };
      await setAfterDeliverySettings(db, shop, { disputeEvidenceMode: mode, pickupAttentionDays: days });
      return { ok: true, message: t("worklist.settingsSaved") };
    }
    default:
      return { ok: false, message: t("worklist.unknownAction") };
  }
}

export default function WorklistRoute() {
  const data = useLoaderData<typeof loader>();
  return <WorklistPage {...data} />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationsPage } from "~/components/NotificationsPage";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { contactKey } from "~/services/notifications/contacts.server";
import { flowTriggerOverview } from "~/services/notifications/flow-lifecycle.server";
import {
  loadNotificationSettings,
  NotificationSettingsError,
  previewEmail,
  previewSms,
  saveNotificationSettings,
  saveKlaviyoKey,
  saveSmtp,
  saveTwilio,
  sendTestEmail,
} from "~/services/notifications/notification-settings.server";
import { adminKeyTranslator, adminTranslator, translateFieldErrors } from "~/i18n/admin-intl.server";
import { localizedFieldErrors } from "~/i18n/field-errors.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Notifications"} · Trackline` }];

const appUrl = () => appEnv().SHOPIFY_APP_URL ?? `http://127.0.0.1:${appEnv().PORT}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const url = new URL(request.url);
  const moment = url.searchParams.get("preview") ?? "exception";
  // `?locale=` is the admin's own language (Shopify's parameter); the previewed email's is `?previewLocale=`.
  const previewLocale = url.searchParams.get("previewLocale") ?? "en";
  const [settings, preview, sms, flowTriggers] = await Promise.all([
    loadNotificationSettings(db, shop, contactKey(appEnv())),
    previewEmail(db, shop, moment, previewLocale, appUrl()),
    previewSms(db, shop, moment, previewLocale),
    flowTriggerOverview(db, shop),
  ]);
  return {
    title: adminTranslator(adminLocale(request).locale)("notifications.title"),
    settings,
    preview: { moment, previewLocale, ...preview, sms },
    flowTriggers,
  };
}

export type NotificationsActionResult = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs): Promise<NotificationsActionResult> {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const key = contactKey(appEnv());
  const locale = adminLocale(request).locale;
  const t = adminTranslator(locale);
  try {
    switch (intent) {
      case "settings": {
        const senders: Record<string, string> = {};
        for (const [name, value] of form) if (name.startsWith("sender.")) senders[name.slice("sender.".length)] = String(value);
        await saveNotificationSettings(db, shop, {
          emailEnabled: form.get("emailEnabled") === "on",
          senders,
          senderName: text("senderName"),
          senderAddress: text("senderAddress"),
          replyTo: text("replyTo"),
          flowEnabled: form.get("flowEnabled") === "on",
          klaviyoEnabled: form.get("klaviyoEnabled") === "on",
          smsEnabled: form.get("smsEnabled") === "on",
          // The page lists every moment's SMS box; a form without them keeps the current choice.
          ...(form.has("smsMomentsShown")
            ? { smsMoments: [...form.keys()].filter((name) => name.startsWith("sms.")).map((name) => name.slice("sms.".length)) }
            : {}),
          ...(form.has("smsDailySegmentCap") ? { smsDailySegmentCap: Number(text("smsDailySegmentCap")) } : {}),
          quietStartHour: Number(text("quietStartHour")),
          quietEndHour: Number(text("quietEndHour")),
          coalesceMinutes: Number(text("coalesceMinutes")),
          contactRetentionDays: Number(text("contactRetentionDays")),
          digestRecipients: text("digestRecipients"),
          digestFrequency: text("digestFrequency"),
          // The page shows the inquiry box; a form without it keeps the current choice.
          ...(form.has("digestInquiriesShown") ? { digestInquiries: form.get("digestInquiries") === "on" } : {}),
        });
        return { intent, ok: true, message: t("notifications.settingsSaved"), fieldErrors: {} };
      }
      case "smtp":
        await saveSmtp(db, shop, key, { host: text("host"), port: text("port"), security: text("security"), user: text("user"), password: text("password") });
        return { intent, ok: true, message: t("notifications.smtpSaved"), fieldErrors: {} };
      case "klaviyo":
        await saveKlaviyoKey(db, shop, key, text("klaviyoKey"));
        return { intent, ok: true, message: text("klaviyoKey").trim() ? t("notifications.klaviyoSaved") : t("notifications.klaviyoRemoved"), fieldErrors: {} };
      case "twilio":
        await saveTwilio(db, shop, key, { accountSid: text("accountSid"), authToken: text("authToken"), sender: text("smsSender") });
        return {
          intent,
          ok: true,
          message: text("accountSid").trim() || text("authToken").trim() || text("smsSender").trim() ? t("notifications.twilioSaved") : t("notifications.twilioRemoved"),
          fieldErrors: {},
        };
      case "test":
        await sendTestEmail(db, shop, key, text("testAddress"), appUrl());
        return { intent, ok: true, message: t("notifications.testSent", { to: text("testAddress").trim() }), fieldErrors: {} };
      default:
        return { intent, ok: false, message: t("notifications.unknownAction", { intent }), fieldErrors: {} };
    }
  } catch (error) {
    if (error instanceof NotificationSettingsError) {
      const message = error.code ? t(`notifications.error_${error.code}`, error.values) : error.message;
      const fieldErrors = { ...translateFieldErrors(adminKeyTranslator(locale), error.fieldErrors), ...localizedFieldErrors(error.issues, locale) };
      return { intent, ok: false, message, fieldErrors };
    }
    throw error;
  }
}

export default function NotificationsRoute() {
  const data = useLoaderData<typeof loader>();
  return <NotificationsPage {...data} />;
}

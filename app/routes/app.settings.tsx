import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SettingsPage } from "~/components/SettingsPage";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { adminKeyTranslator, adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { savedPreviewDocument } from "~/components/saved-preview.server";
import type { SettingsActionResult } from "~/services/settings/settings-form";
import {
  addCarrierAccount,
  addCarrierNameMapping,
  carrierBaseUrl,
  deleteCarrierAccount,
  loadSettings,
  parseSettingsForm,
  removeCarrierNameMapping,
  saveSettingsForm,
  SettingsError,
  testCarrierAccount,
} from "~/services/settings/settings.server";
import { requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Settings"} · Trackline` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const t = adminTranslator(adminLocale(request).locale);
  const env = appEnv();
  // The preview's sample parcel is dated from this instant, so server and browser draw the same page.
  const previewNowMs = Date.now();
  const settings = await loadSettings(db, shop, { credentialsKey: env.CREDENTIALS_KEY, appUrl: env.SHOPIFY_APP_URL });
  // The preview of the saved settings is drawn here; the browser loads the renderer only for edits.
  const savedPreview = savedPreviewDocument(settings, previewNowMs);
  return { title: t("settings.title"), previewNowMs, savedPreview, settings };
}

/**
 * "save" is the save bar's form, checked with the same schema the page used (Conform's reply
 * carries field errors back under their fields); the other intents act on one list entry at once.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const locale = adminLocale(request).locale;
  const t = adminTranslator(locale);
  const translate = adminKeyTranslator(locale);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const key = appEnv().CREDENTIALS_KEY;
  if (intent === "save") {
    const submission = parseSettingsForm(form);
    if (submission.status !== "success") return { ...submission.reply(), message: t("settings.saveFailed") };
    try {
      await saveSettingsForm(db, shop, submission.value);
      return { ...submission.reply(), message: t("settings.saved") };
    } catch (error) {
      if (error instanceof SettingsError) {
        const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([name, message]) => [name, [message]]));
        return { ...submission.reply({ fieldErrors }), message: t("settings.saveFailed") };
      }
      throw error;
    }
  }
  const done = (message: string): SettingsActionResult => ({ intent, ok: true, message, fieldErrors: {} });
  try {
    switch (intent) {
      case "add-mapping":
        await addCarrierNameMapping(db, shop, { name: text("name"), carrier: text("carrier") });
        return done(t("settings.mappings.saved"));
      case "remove-mapping":
        await removeCarrierNameMapping(db, shop, text("name"));
        return done(t("settings.mappings.removed"));
      case "add-account": {
        const credentials: Record<string, string> = {};
        for (const [name, value] of form.entries()) {
          if (name.startsWith("credential.")) credentials[name.slice("credential.".length)] = String(value);
        }
        const saved = await addCarrierAccount(db, shop, { key, carrier: text("carrier"), credentials });
        return done(t("settings.accounts.saved", { carrier: saved.carrier, hint: saved.maskedHint }));
      }
      case "remove-account":
        await deleteCarrierAccount(db, shop, text("carrier"));
        return done(t("settings.accounts.removed"));
      case "test-account": {
        const carrier = text("carrier");
        const baseUrl = carrierBaseUrl(appEnv().CARRIER_SIMULATOR_URL, carrier);
        const result = await testCarrierAccount(db, shop, {
          key,
          carrier,
          trackingNumber: text("trackingNumber"),
          ...(baseUrl ? { adapter: { baseUrl } } : {}),
        });
        return {
          intent,
          ok: result.outcome === "accepted",
          message: t("settings.accounts.tested", { detail: translate(result.detail, result.values), number: result.trackingNumber }),
          fieldErrors: {},
        };
      }
      default:
        return { intent, ok: false, message: t("settings.unknownAction"), fieldErrors: {} } satisfies SettingsActionResult;
    }
  } catch (error) {
    if (error instanceof SettingsError) return { intent, ok: false, message: translate(error.message, error.values), fieldErrors: error.fieldErrors } satisfies SettingsActionResult;
    throw error;
  }
}

export default function SettingsRoute() {
  const { settings, previewNowMs, savedPreview } = useLoaderData<typeof loader>();
  return <SettingsPage settings={settings} previewNowMs={previewNowMs} savedPreview={savedPreview} />;
}

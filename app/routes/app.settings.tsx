import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SettingsPage } from "../components/SettingsPage";
import { appEnv } from "../config/env.server";
import { database } from "../data/client.server";
import {
  addCarrierAccount,
  addCarrierNameMapping,
  carrierBaseUrl,
  deleteCarrierAccount,
  loadSettings,
  removeCarrierNameMapping,
  saveGeneralSettings,
  saveLongTailAggregator,
  saveTrackingRules,
  SettingsError,
  testCarrierAccount,
} from "../services/settings/settings.server";
import { requireAdmin } from "../shopify/shopify.server";

export const meta: MetaFunction = () => [{ title: "Settings · Trackline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  return { settings: await loadSettings(db, shop, { credentialsKey: appEnv().CREDENTIALS_KEY }) };
}

export type SettingsActionResult = {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SettingsError("The form was not readable; reload the page and try again");
  }
}

/** One form per intent; each validates in the settings service and answers with its errors. */
export async function action({ request }: ActionFunctionArgs): Promise<SettingsActionResult> {
  const { shop } = await requireAdmin(request);
  const { db } = database();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const key = appEnv().CREDENTIALS_KEY;
  try {
    switch (intent) {
      case "general":
        await saveGeneralSettings(db, shop, {
          writeBackEnabled: form.get("writeBackEnabled") === "on",
          supportMinutesPerInquiry: text("supportMinutesPerInquiry").trim() === "" ? Number.NaN : Number(text("supportMinutesPerInquiry")),
          brandAccentColor: text("brandAccentColor"),
          brandLogoUrl: text("brandLogoUrl"),
          locales: form.getAll("locales").map(String),
        });
        return { intent, ok: true, message: "Settings saved", fieldErrors: {} };
      case "long-tail":
        await saveLongTailAggregator(db, shop, text("longTailAggregator"));
        return { intent, ok: true, message: "Long-tail tracking service saved", fieldErrors: {} };
      case "rules":
        await saveTrackingRules(db, shop, parseJson(text("rules")));
        return { intent, ok: true, message: "Thresholds saved", fieldErrors: {} };
      case "add-mapping":
        await addCarrierNameMapping(db, shop, { name: text("name"), carrier: text("carrier") });
        return { intent, ok: true, message: "Mapping saved", fieldErrors: {} };
      case "remove-mapping":
        await removeCarrierNameMapping(db, shop, text("name"));
        return { intent, ok: true, message: "Mapping removed", fieldErrors: {} };
      case "add-account": {
        const credentials: Record<string, string> = {};
        for (const [name, value] of form.entries()) {
          if (name.startsWith("credential.")) credentials[name.slice("credential.".length)] = String(value);
        }
        const saved = await addCarrierAccount(db, shop, { key, carrier: text("carrier"), credentials });
        return { intent, ok: true, message: `${saved.carrier} credentials saved (${saved.maskedHint})`, fieldErrors: {} };
      }
      case "remove-account":
        await deleteCarrierAccount(db, shop, text("carrier"));
        return { intent, ok: true, message: "Credentials removed", fieldErrors: {} };
      case "test-account": {
        const carrier = text("carrier");
        const baseUrl = carrierBaseUrl(appEnv().CARRIER_SIMULATOR_URL, carrier);
        const result = await testCarrierAccount(db, shop, {
          key,
          carrier,
          trackingNumber: text("trackingNumber"),
          ...(baseUrl ? { adapter: { baseUrl } } : {}),
        });
        return { intent, ok: result.outcome === "accepted", message: `${result.detail} (tested with ${result.trackingNumber})`, fieldErrors: {} };
      }
      default:
        return { intent, ok: false, message: "Unknown action", fieldErrors: {} };
    }
  } catch (error) {
    if (error instanceof SettingsError) return { intent, ok: false, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}

export default function SettingsRoute() {
  const { settings } = useLoaderData<typeof loader>();
  return <SettingsPage settings={settings} />;
}

import { previewDocument } from "~/services/settings/preview";
import type { SettingsView } from "~/services/settings/settings-form";
import type { Serialized } from "./format";
import { savedPreviewInput } from "./SettingsPage";

/**
 * The live preview of the saved settings, drawn on the server for the Settings page's first paint
 * (a server module, so the page's browser script does not carry the storefront renderer).
 */
export function savedPreviewDocument(settings: SettingsView, nowMs: number): string {
  // The page draws from the settings as the browser receives them: JSON, dates as text.
  return previewDocument(savedPreviewInput(JSON.parse(JSON.stringify(settings)) as Serialized<SettingsView>, nowMs));
}

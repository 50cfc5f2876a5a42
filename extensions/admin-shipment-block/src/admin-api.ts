import { callApp, type AdminParcelView, type AppResult, type OrderTrackingView } from "@trackline/shared";
import type { BlockParcel } from "./block-parcel";

/** What the block needs from the admin platform and the app, behind one interface for tests. */
export interface AdminTrackingApi {
  load(): Promise<AppResult<OrderTrackingView<BlockParcel>>>;
  resync(shipmentId: string): Promise<AppResult<{ changed: boolean; parcel: AdminParcelView }>>;
  copy(text: string): Promise<boolean>;
  translate(key: string, options?: Record<string, string | number>): string;
}

/** The slice of the admin block target API the block reads. */
export interface AdminBlockPlatform {
  data: { selected: readonly { id: string }[] };
  i18n: { translate(key: string, options?: Record<string, string | number>): unknown };
}

/**
 * Relative URLs resolve against the app's URL and Shopify adds the admin's ID token. The locale
 * the admin picked for this extension is the `meta.locale` entry of the locale file it loaded.
 */
export function adminTrackingApi(
  platform: AdminBlockPlatform,
  clipboard: { writeText(text: string): Promise<void> } | undefined,
  fetchImpl?: typeof fetch,
): AdminTrackingApi {
  const translate = (key: string, options?: Record<string, string | number>) => String(platform.i18n.translate(key, options));
  const locale = () => translate("meta.locale");
  const withFetch = fetchImpl ? { fetch: fetchImpl } : {};
  return {
    async load() {
      const orderId = platform.data.selected[0]?.id;
      if (!orderId) return { ok: false, error: "bad_request", status: 0 };
      const query = new URLSearchParams({ orderId, locale: locale() });
      return callApp({ url: `/api/admin/order-tracking?${query}`, ...withFetch });
    },
    resync(shipmentId) {
      const query = new URLSearchParams({ locale: locale() });
      return callApp({ url: `/api/admin/shipments/${encodeURIComponent(shipmentId)}/resync?${query}`, method: "POST", ...withFetch });
    },
    async copy(text) {
      if (!clipboard) return false;
      try {
        await clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
    translate,
  };
}

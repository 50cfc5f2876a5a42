import { appUrl, callApp, type AppResult, type OrderTrackingView } from "@trackline/shared";

/**
 * What the components need from the extension platform, behind one interface so tests can stand
 * in for Shopify at exactly this boundary.
 */
export interface CustomerTrackingApi {
  /** The order's tracking (only `fulfillmentId`'s parcels when given). */
  load(fulfillmentId: string | null): Promise<AppResult<OrderTrackingView>>;
  translate(key: string, options?: Record<string, string | number>): string;
  requireLogin(): Promise<void>;
  /** "Still need help?": the answer from the parcel's state, or (with a reason) a message to the shop. */
  help?(fulfillmentId: string | null, posted: { reason: string; message: string } | null): Promise<AppResult<HelpView>>;
}

/** The app's "Still need help?" answer, localized by the app. */
export interface HelpView {
  answer: string;
  result: "sent" | "limited" | null;
  texts: { heading: string; answer: string; whatNext: string; reasonLabel: string; messageLabel: string; submit: string; result: string | null };
  reasons: { value: string; label: string }[];
}

/** The slice of the order-status target API the tracking reads. */
export interface OrderStatusPlatform {
  order: { value: { id: string } | undefined };
  localization: { language: { value: { isoCode: string } }; timezone: { value: string } };
  sessionToken: { get(): Promise<string> };
  i18n: { translate(key: string, options?: Record<string, string | number>): unknown };
  requireLogin(): Promise<void>;
}

export function customerTrackingApi(platform: OrderStatusPlatform, fetchImpl?: typeof fetch): CustomerTrackingApi {
  return {
    async load(fulfillmentId) {
      const base = appUrl();
      const orderId = platform.order.value?.id;
      if (!base || !orderId) return { ok: false, error: "unavailable", status: 0 };
      const query = new URLSearchParams({
        orderId,
        locale: platform.localization.language.value.isoCode,
        timeZone: platform.localization.timezone.value,
      });
      if (fulfillmentId) query.set("fulfillmentId", fulfillmentId);
      let token: string | null = null;
      try {
        token = await platform.sessionToken.get();
      } catch {
        return { ok: false, error: "unauthorized", status: 0 };
      }
      return callApp<OrderTrackingView>({ url: `${base}/api/customer-account/tracking?${query}`, token, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    },
    async help(fulfillmentId, posted) {
      const base = appUrl();
      const orderId = platform.order.value?.id;
      if (!base || !orderId) return { ok: false, error: "unavailable", status: 0 };
      let token: string | null = null;
      try {
        token = await platform.sessionToken.get();
      } catch {
        return { ok: false, error: "unauthorized", status: 0 };
      }
      const body = { orderId, locale: platform.localization.language.value.isoCode, ...(fulfillmentId ? { fulfillmentId } : {}), ...(posted ?? {}) };
      try {
        const response = await (fetchImpl ?? fetch)(`${base}/api/customer-account/inquiry`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const json = (await response.json().catch(() => null)) as (HelpView & { error?: string }) | null;
        if (response.ok && json) return { ok: true, data: json };
        const error = json?.error === "login_required" || json?.error === "not_found" || json?.error === "bad_request" ? json.error : "unavailable";
        return { ok: false, error, status: response.status };
      } catch {
        return { ok: false, error: "unavailable", status: 0 };
      }
    },
    translate: (key, options) => String(platform.i18n.translate(key, options)),
    requireLogin: () => platform.requireLogin(),
  };
}

import { resolveLocale } from "~/domain/locales/resolve";
import type { AdminLocale } from "./define";

const COOKIE = "trackline_admin_locale";

/**
 * The admin's language. Shopify opens an embedded app with `?locale=` (the staff member's admin
 * language); later requests from the app's own navigation do not carry it, so the layout keeps it
 * in a cookie. Without either, the browser's Accept-Language decides, then English.
 */
export function adminLocale(request: Request): { locale: AdminLocale; setCookie: string | null } {
  const requested = new URL(request.url).searchParams.get("locale");
  if (requested) {
    const locale = resolveLocale(requested);
    return { locale, setCookie: localeCookie(locale, new URL(request.url).protocol === "https:") };
  }
  const fromCookie = cookieValue(request.headers.get("cookie"), COOKIE);
  if (fromCookie) return { locale: resolveLocale(fromCookie), setCookie: null };
  const accepted = (request.headers.get("accept-language") ?? "").split(",")[0]?.split(";")[0];
  return { locale: resolveLocale(accepted), setCookie: null };
}

function localeCookie(locale: AdminLocale, secure: boolean): string {
  // Inside the admin's iframe the cookie is third-party: it needs SameSite=None, Secure and a
  // partition (CHIPS). Over plain http (the local demo) a first-party Lax cookie does.
  const attributes = secure ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax";
  return `${COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; HttpOnly; ${attributes}`;
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

import { describe, expect, it } from "vitest";
import { adminLocale } from "./admin-locale.server";

describe("the admin's locale", () => {
  it("follows Shopify's locale parameter and remembers it in a partitioned cookie over https", () => {
    const result = adminLocale(new Request("https://app.example/app?shop=a.myshopify.com&locale=zh-CN"));
    expect(result).toEqual({
      locale: "zh-CN",
      setCookie: "trackline_admin_locale=zh-CN; Path=/; Max-Age=31536000; HttpOnly; SameSite=None; Secure; Partitioned",
    });
  });

  it("maps regional and script variants onto the ten supported locales", () => {
    expect(adminLocale(new Request("http://127.0.0.1/app?locale=zh-Hant-TW")).locale).toBe("zh-TW");
    expect(adminLocale(new Request("http://127.0.0.1/app?locale=pt-PT")).locale).toBe("pt-BR");
    expect(adminLocale(new Request("http://127.0.0.1/app?locale=ko-KR")).locale).toBe("ko");
    expect(adminLocale(new Request("http://127.0.0.1/app?locale=nl")).locale).toBe("en");
  });

  it("uses the cookie when the request carries no parameter, then Accept-Language", () => {
    expect(adminLocale(new Request("http://127.0.0.1/app/shipments", { headers: { cookie: "a=b; trackline_admin_locale=ja" } }))).toEqual({ locale: "ja", setCookie: null });
    expect(adminLocale(new Request("http://127.0.0.1/app/shipments", { headers: { "accept-language": "fr-CA,fr;q=0.9,en;q=0.5" } })).locale).toBe("fr");
    expect(adminLocale(new Request("http://127.0.0.1/app/shipments")).locale).toBe("en");
  });

  it("sets a first-party cookie over plain http (the local demo)", () => {
    expect(adminLocale(new Request("http://127.0.0.1:3000/app?locale=ko")).setCookie).toBe("trackline_admin_locale=ko; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
  });
});

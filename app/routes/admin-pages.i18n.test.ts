import { createElement } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { DemoInboxPage } from "~/components/DemoInboxPage";
import { IgnoredFiltersBanner } from "~/components/ShipmentsPage";
import { database } from "~/data/client.server";
import { renderAdminPage } from "~/testing/render-admin-page";
import { adminRequest, installTestShop } from "./__fixtures__/admin-requests";
import { loader as demoInboxLoader } from "./app.demo-inbox";
import { action as notificationsAction, loader as notificationsLoader } from "./app.notifications";
import { action as wismoAction, loader as wismoLoader } from "./app.wismo";
import { action as worklistAction, loader as worklistLoader } from "./app.worklist";

vi.hoisted(() => {
  process.env.CREDENTIALS_KEY = Buffer.from("admin-pages-i18n-test-key-32byte").toString("base64");
});

type Route<T> = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<T>;
const call = <T>(route: Route<T>, path: string, form?: Record<string, string>) => route({ request: adminRequest(path, form ? { form } : {}), params: {}, context: {} });

/**
 * The worklist, WISMO, notifications and demo inbox routes in the staff member's language
 * (Shopify's `?locale=`): titles and the messages their actions answer (the rendered pages are
 * checked in Chromium by `admin-pages.browser.test.ts`).
 */
describe("admin pages in the staff member's language", () => {
  beforeAll(async () => {
    await installTestShop(database().db);
  });

  it("worklist: Korean title and action messages; English without a locale", async () => {
    const data = await call(worklistLoader, "/app/worklist?locale=ko");
    expect(data.title).toBe("조치 필요");
    expect(await call(worklistAction, "/app/worklist?locale=ko", { intent: "nope" })).toEqual({ ok: false, message: "알 수 없는 작업" });
    expect(await call(worklistAction, "/app/worklist?locale=ko", { intent: "settings", disputeEvidenceMode: "email", pickupAttentionDays: "3" })).toEqual({
      ok: false,
      message: "설정을 확인하세요: 픽업 일수는 1–30",
    });
    expect(await call(worklistAction, "/app/worklist?locale=zh-CN", { intent: "note", itemId: "missing", note: "  " })).toEqual({ ok: false, message: "请先填写备注" });
    expect(await call(worklistAction, "/app/worklist", { intent: "nope" })).toEqual({ ok: false, message: "Unknown action" });
  });

  it("WISMO: Simplified Chinese title and action messages", async () => {
    const data = await call(wismoLoader, "/app/wismo?locale=zh-CN");
    expect(data.title).toBe("订单查询（WISMO）");
    expect(await call(wismoAction, "/app/wismo?locale=zh-CN", { intent: "nope" })).toEqual({ intent: "nope", ok: false, message: "未知操作", fieldErrors: {} });
    expect(await call(wismoAction, "/app/wismo?locale=ko", { intent: "measurement", holdoutEnabled: "on", holdoutPercent: "80" })).toEqual({
      intent: "measurement",
      ok: false,
      message: "일부 설정을 수정해야 합니다",
      fieldErrors: { holdoutPercent: "최대 50%" },
    });
    expect(await call(wismoAction, "/app/wismo?locale=fr", { intent: "helpdesk-secret", kind: "api", secret: "short" })).toEqual({
      intent: "helpdesk-secret",
      ok: false,
      message: "Le secret est trop court",
      fieldErrors: { secret: "Au moins 16 caractères" },
    });
    expect(await call(wismoAction, "/app/wismo?locale=ko", { intent: "helpdesk-secret", kind: "freshdesk" })).toEqual({
      intent: "helpdesk-secret",
      ok: false,
      message: "알 수 없는 헬프데스크",
      fieldErrors: {},
    });
  });

  it("notifications: the preview language is ?previewLocale=, the admin's is ?locale=", async () => {
    const data = await call(notificationsLoader, "/app/notifications?locale=ko&previewLocale=ja&preview=delivered");
    expect(data.title).toBe("알림");
    expect(data.preview.previewLocale).toBe("ja");
    expect(data.preview.html).toContain('lang="ja"');
    expect(await call(notificationsAction, "/app/notifications?locale=de", { intent: "nope" })).toEqual({
      intent: "nope",
      ok: false,
      message: "Unbekannte Aktion „nope“",
      fieldErrors: {},
    });
    expect(await call(notificationsAction, "/app/notifications?locale=ko", { intent: "test", testAddress: "nope" })).toEqual({
      intent: "test",
      ok: false,
      message: "테스트 메일을 받을 주소를 입력하세요",
      fieldErrors: { testAddress: "이메일 주소가 아닙니다" },
    });
    // Schema checks are worded by Zod's own translations.
    expect(await call(notificationsAction, "/app/notifications?locale=de", { intent: "klaviyo", klaviyoKey: "hello" })).toMatchObject({
      ok: false,
      fieldErrors: { klaviyoKey: "Private Schlüssel beginnen mit pk_" },
    });
    const smtp = await call(notificationsAction, "/app/notifications?locale=ja", { intent: "smtp", host: "", port: "99999", security: "tls", user: "", password: "" });
    expect(smtp).toMatchObject({ ok: false, message: "SMTP の設定が正しくありません" });
    expect(Object.values(smtp.fieldErrors).length).toBeGreaterThan(0);
    for (const text of Object.values(smtp.fieldErrors)) expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(await call(notificationsAction, "/app/notifications?locale=ja", { intent: "klaviyo", klaviyoKey: "sk_wrong" })).toMatchObject({ ok: false, message: "Klaviyo のプライベート API キーではありません" });
    expect(await call(notificationsAction, "/app/notifications?locale=fr", { intent: "klaviyo", klaviyoKey: "" })).toEqual({
      intent: "klaviyo",
      ok: true,
      message: "Clé Klaviyo supprimée",
      fieldErrors: {},
    });
  });

  it("demo inbox: 404 with a translated reason outside demo mode; the page filters by ?mailLocale=", async () => {
    const thrown = await call(demoInboxLoader, "/app/demo-inbox?locale=ko").catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe("데모 받은편지함은 데모 모드에서만 있습니다");
    const html = renderAdminPage(createElement(DemoInboxPage, { mails: [], selected: null, mailLocale: "ko", texts: [] }), "zh-CN");
    expect(html).toContain("演示收件箱");
    expect(html).toContain("还没有邮件");
    expect(html).toContain('href="/app/demo-inbox?mailLocale=ja"');
    expect(html).toContain("<strong>ko</strong>");
  });

  it("shipments: the filters the list dropped, in the staff member's language", () => {
    const errors = [
      { kind: "status", value: "teleported" },
      { kind: "date", value: "yesterday" },
      { kind: "dateOrder", value: "2026-11-02 – 2026-11-01" },
    ] as const;
    const korean = renderAdminPage(createElement(IgnoredFiltersBanner, { errors }), "ko");
    expect(korean).toContain("일부 필터가 무시되었습니다");
    expect(korean).toContain("알 수 없는 상태: teleported");
    expect(korean).toContain("종료일이 시작일보다 앞입니다");
    const english = renderAdminPage(createElement(IgnoredFiltersBanner, { errors }), "en");
    expect(english).toContain("Unknown status: teleported");
    expect(english).toContain("&quot;yesterday&quot; is not a date (use YYYY-MM-DD)");
    expect(renderAdminPage(createElement(IgnoredFiltersBanner, { errors: [] }), "en")).not.toContain("Some filters were ignored");
  });
});

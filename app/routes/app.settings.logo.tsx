import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { LogoError, MAX_LOGO_BYTES, removeLogo, uploadLogo } from "~/services/settings/logo.server";
import { requireAdmin } from "~/shopify/shopify.server";

/**
 * The tracking page's logo: POST a multipart form with one `logo` file (PNG, JPEG or WebP, at most
 * 512 KB; checked by its bytes) → 201 with where it is served; DELETE removes it. Refusals answer
 * 413 (too large), 415 (not PNG/JPEG/WebP, SVG included) or 422 (empty, or an odd pixel size).
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const t = adminTranslator(adminLocale(request).locale);
  const { db } = database();
  const appUrl = appEnv().SHOPIFY_APP_URL;
  if (request.method === "DELETE") {
    const removed = await removeLogo(db, shop, appUrl);
    return Response.json({ ok: true, removed, message: t("settings.logo.removed") });
  }
  if (request.method !== "POST") return Response.json({ ok: false, message: t("settings.logo.missing") }, { status: 405, headers: { Allow: "POST, DELETE" } });
  const refuse = (error: LogoError) => Response.json({ ok: false, message: t(error.key) }, { status: error.status });
  // A body far over the limit is refused before it is read (the form's own framing is small).
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_LOGO_BYTES + 64 * 1024) return refuse(new LogoError(413, "settings.logo.tooLarge"));
  const form = await request.formData().catch(() => null);
  const file = form?.get("logo");
  if (!file || typeof file === "string") return refuse(new LogoError(422, "settings.logo.missing"));
  if (file.size > MAX_LOGO_BYTES) return refuse(new LogoError(413, "settings.logo.tooLarge"));
  try {
    const logo = await uploadLogo(db, shop, new Uint8Array(await file.arrayBuffer()), appUrl);
    return Response.json({ ok: true, logo, message: t("settings.logo.saved") }, { status: 201 });
  } catch (error) {
    if (error instanceof LogoError) return refuse(error);
    throw error;
  }
}

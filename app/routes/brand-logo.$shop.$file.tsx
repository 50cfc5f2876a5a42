import type { LoaderFunctionArgs } from "@remix-run/node";
import { database } from "~/data/client.server";
import { readShopLogo } from "~/data/settings-logos.server";

/**
 * A shop's uploaded tracking-page logo. The URL carries the image's SHA-256, so the answer never
 * changes and is cached for a year; any other name is a 404. The bytes were checked to be PNG,
 * JPEG or WebP on upload, and `nosniff` keeps browsers to the stated type.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(params.file ?? "");
  const shop = params.shop ?? "";
  const notFound = () =>
    new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" } });
  if (!match?.[1] || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return notFound();
  const logo = await readShopLogo(database().db, shop, match[1]);
  const extension = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" }[logo?.contentType ?? ""];
  if (!logo || extension !== match[2]) return notFound();
  return new Response(Buffer.from(logo.bytes), {
    status: 200,
    headers: {
      "Content-Type": logo.contentType,
      "Content-Length": String(logo.bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      // Shown on the shop's storefront, another origin.
      "Cross-Origin-Resource-Policy": "cross-origin",
      ETag: `"${logo.sha256}"`,
    },
  });
}

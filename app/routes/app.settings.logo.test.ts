import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "~/data/client.server";
import { eraseShopData } from "~/data/compliance.server";
import { tinyJpeg, tinyPng } from "~/domain/branding/image.fixture";
import { sessionToken, TEST_APP } from "~/testing/shopify-requests";
import { installTestShop } from "./__fixtures__/admin-requests";
import { action } from "./app.settings.logo";
import { loader as serveLogo } from "./brand-logo.$shop.$file";

function upload(bytes: Uint8Array, name = "logo.png", type = "image/png", query = ""): Request {
  const form = new FormData();
  form.set("logo", new File([new Uint8Array(bytes)], name, { type }));
  return new Request(`${TEST_APP.appUrl}/app/settings/logo${query}`, { method: "POST", headers: { Authorization: `Bearer ${sessionToken()}` }, body: form });
}
const send = (request: Request) => action({ request, params: {}, context: {} });
const serve = (shop: string, file: string) => serveLogo({ request: new Request(`${TEST_APP.appUrl}/brand-logo/${shop}/${file}`), params: { shop, file }, context: {} });

describe("logo upload", () => {
  beforeAll(async () => {
    await installTestShop(database().db);
  });

  it("refuses SVG, other types, odd sizes and files over 512 KB with exact statuses, storing nothing", async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refusedSvg = await send(upload(svg, "logo.svg", "image/svg+xml"));
    expect(refusedSvg.status).toBe(415);
    expect(await refusedSvg.json()).toEqual({ ok: false, message: "Use a PNG, JPEG or WebP image (SVG is not accepted)." });
    // An SVG named and typed as a PNG is still an SVG.
    expect((await send(upload(svg, "logo.png", "image/png"))).status).toBe(415);
    expect((await send(upload(new TextEncoder().encode("GIF89a\x10\x00\x10\x00"), "logo.gif", "image/gif"))).status).toBe(415);
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(tinyPng(100, 100));
    const tooLarge = await send(upload(big));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ ok: false, message: "The logo is larger than 512 KB." });
    expect((await send(upload(tinyPng(8, 8)))).status).toBe(422);
    const korean = await send(upload(svg, "logo.svg", "image/svg+xml", "?locale=ko"));
    expect(await korean.json()).toEqual({ ok: false, message: "PNG, JPEG 또는 WebP 이미지를 사용하세요(SVG는 허용되지 않습니다)." });
    expect(await database().db.shopLogo.count()).toBe(0);
  });

  it("stores a PNG, serves it under its hash with a year's cache and nosniff, and erases it on shop redact", async () => {
    const png = tinyPng(240, 80);
    const sha = createHash("sha256").update(png).digest("hex");
    const created = await send(upload(png));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      ok: true,
      message: "Logo saved",
      logo: { url: `${TEST_APP.appUrl}/brand-logo/${TEST_APP.shop}/${sha}.png`, width: 240, height: 80, contentType: "image/png" },
    });
    const { db } = database();
    const row = await db.shopLogo.findUniqueOrThrow({ where: { shopDomain: TEST_APP.shop } });
    expect({ contentType: row.contentType, width: row.width, height: row.height, sha256: row.sha256, bytes: Buffer.from(row.bytes).equals(Buffer.from(png)) }).toEqual({
      contentType: "image/png",
      width: 240,
      height: 80,
      sha256: sha,
      bytes: true,
    });
    // E-mails use the same logo through its absolute https address.
    expect((await db.shop.findUniqueOrThrow({ where: { domain: TEST_APP.shop } })).brandLogoUrl).toBe(`${TEST_APP.appUrl}/brand-logo/${TEST_APP.shop}/${sha}.png`);

    const served = await serve(TEST_APP.shop, `${sha}.png`);
    expect(served.status).toBe(200);
    expect(Object.fromEntries(served.headers)).toEqual({
      "cache-control": "public, max-age=31536000, immutable",
      "content-length": String(png.byteLength),
      "content-security-policy": "default-src 'none'; sandbox",
      "content-type": "image/png",
      "cross-origin-resource-policy": "cross-origin",
      etag: `"${sha}"`,
      "x-content-type-options": "nosniff",
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    expect((await serve(TEST_APP.shop, `${sha}.jpg`)).status).toBe(404);
    expect((await serve(TEST_APP.shop, `${"0".repeat(64)}.png`)).status).toBe(404);
    expect((await serve("other-shop.myshopify.com", `${sha}.png`)).status).toBe(404);

    // A new logo is a new URL; the old one is gone.
    const jpeg = tinyJpeg(300, 100);
    expect((await send(upload(jpeg, "logo.jpg", "image/jpeg"))).status).toBe(201);
    expect((await serve(TEST_APP.shop, `${sha}.png`)).status).toBe(404);
    const jpegSha = createHash("sha256").update(jpeg).digest("hex");
    expect((await serve(TEST_APP.shop, `${jpegSha}.jpg`)).headers.get("content-type")).toBe("image/jpeg");

    const counts = await eraseShopData(db, TEST_APP.shop);
    expect(counts.logos).toBe(1);
    expect(await db.shopLogo.count()).toBe(0);
  });
});

import { createHash } from "node:crypto";
import type { Db } from "~/data/db.server";
import { deleteShopLogo, findShopLogo, saveShopLogo, type StoredLogo } from "~/data/settings-logos.server";
import { updateShopSettings } from "~/data/shop-settings.server";
import { readImageHeader } from "~/domain/branding/image-header";
import type { LogoView } from "./settings-form";

/**
 * The tracking page's logo: uploaded in Settings, checked by its bytes (PNG, JPEG or WebP; never
 * SVG), kept in the database and served under a URL carrying its SHA-256, so it can be cached
 * for a year and a new logo is a new URL.
 */
export const MAX_LOGO_BYTES = 512 * 1024;
export const LOGO_DIMENSIONS = { min: 16, max: 4000 } as const;

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** Why an upload was refused: the HTTP status the upload route answers and a catalogue key. */
export class LogoError extends Error {
  override name = "LogoError";
  constructor(
    readonly status: 413 | 415 | 422,
    readonly key: "settings.logo.tooLarge" | "settings.logo.wrongType" | "settings.logo.badSize" | "settings.logo.missing",
  ) {
    super(key);
  }
}

/** Where a logo is served: under the app's own origin (an https: image the storefront's CSP allows). */
export function logoPath(shopDomain: string, logo: Pick<StoredLogo, "sha256" | "contentType">): string {
  return `/brand-logo/${encodeURIComponent(shopDomain)}/${logo.sha256}.${EXTENSIONS[logo.contentType] ?? "img"}`;
}

export function logoUrl(appUrl: string | undefined, shopDomain: string, logo: Pick<StoredLogo, "sha256" | "contentType">): string {
  return `${(appUrl ?? "").replace(/\/$/, "")}${logoPath(shopDomain, logo)}`;
}

export function logoView(appUrl: string | undefined, logo: StoredLogo | null): LogoView | null {
  return logo ? { url: logoUrl(appUrl, logo.shopDomain, logo), width: logo.width, height: logo.height, contentType: logo.contentType } : null;
}

/** Checks an upload by its bytes; throws LogoError with the status to answer. */
export function checkLogo(bytes: Uint8Array): { contentType: string; width: number; height: number } {
  if (bytes.byteLength === 0) throw new LogoError(422, "settings.logo.missing");
  if (bytes.byteLength > MAX_LOGO_BYTES) throw new LogoError(413, "settings.logo.tooLarge");
  const header = readImageHeader(bytes);
  if (!header) throw new LogoError(415, "settings.logo.wrongType");
  const { min, max } = LOGO_DIMENSIONS;
  if (header.width < min || header.height < min || header.width > max || header.height > max) throw new LogoError(422, "settings.logo.badSize");
  return { contentType: header.type, width: header.width, height: header.height };
}

export async function uploadLogo(db: Db, shopDomain: string, bytes: Uint8Array, appUrl: string | undefined): Promise<LogoView> {
  const checked = checkLogo(bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const saved = await saveShopLogo(db, { shopDomain, ...checked, sha256, bytes });
  const url = logoUrl(appUrl, shopDomain, saved);
  // E-mails show the same logo: they need an absolute https address.
  if (url.startsWith("https://")) await updateShopSettings(db, shopDomain, { brandLogoUrl: url });
  return { url, width: saved.width, height: saved.height, contentType: saved.contentType };
}

export async function removeLogo(db: Db, shopDomain: string, appUrl: string | undefined): Promise<boolean> {
  const logo = await findShopLogo(db, shopDomain);
  const removed = await deleteShopLogo(db, shopDomain);
  if (logo) {
    const url = logoUrl(appUrl, shopDomain, logo);
    if (url.startsWith("https://")) await updateShopSettings(db, shopDomain, { brandLogoUrl: null });
  }
  return removed;
}

import crypto from "node:crypto";
import { appEnv } from "~/config/env.server";
import { DEMO_API_SECRET } from "~/config/demo-mode.server";

let cached: { secret: string; key: Buffer } | undefined;

/**
 * The shopper-link signing key, derived from the app's API secret with HKDF so that no new secret
 * has to be configured and a token can never double as any other Shopify signature. Rotating the
 * API secret invalidates outstanding links, which is what a rotation is for.
 */
export function shopperLinkKey(): Buffer {
  const env = appEnv();
  const secret = env.SHOPIFY_API_SECRET ?? (env.TRACKLINE_DEMO ? DEMO_API_SECRET : undefined);
  if (!secret) throw new Error("SHOPIFY_API_SECRET is required to sign shopper links");
  if (cached?.secret !== secret) {
    cached = { secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, "trackline", "shopper-link v1", 32)) };
  }
  return cached.key;
}

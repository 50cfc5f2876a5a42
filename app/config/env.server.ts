import { z } from "zod";
import { CARRIER_ENV_NAMES } from "~/carriers/environment";
import { DEFAULT_DATABASE_URL, databaseTarget } from "./database-target.server";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/**
 * The carriers' variables, declared in their folders (`carrier.ts`: app-level credentials of each
 * field and push secrets), all optional text: a carrier without them is simply not configured.
 */
const carrierEnv = z.object(Object.fromEntries(CARRIER_ENV_NAMES.map((name) => [name, optionalText])) as Record<string, typeof optionalText>);

/** Every environment variable the app reads, parsed once at start. Meanings: see .env.example. */
const envSchema = z.object({
  ...carrierEnv.shape,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** `file:…` (SQLite) or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((value, ctx) => {
      try {
        databaseTarget(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /**
   * SQLite only: "background" checkpoints the WAL on a thread of its own instead of inside a
   * commit (the HTTP server sets this; see app/data/sqlite-checkpointer.server.ts); "external":
   * not in commits and not here, because another process checkpoints the file (the web server's
   * cluster workers: their primary runs the one checkpointer, see app/server/cluster.ts).
   */
  SQLITE_CHECKPOINTS: z.enum(["auto", "background", "external"]).default("auto"),
  /**
   * Proxies in front of the app that append to X-Forwarded-For: Shopify's app proxy is one, a
   * host's load balancer or a CDN one more each. The client address is the entry this many
   * places from the right; entries to its left are the client's to forge. README: Security.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: optionalText,
  SHOPIFY_API_KEY: optionalText,
  SHOPIFY_API_SECRET: optionalText,
  SHOPIFY_APP_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SCOPES: optionalText,
  SHOP_CUSTOM_DOMAIN: optionalText,
  /** Enables demo mode (fixed demo shop, no Shopify admin). Refused in unsafe situations. */
  TRACKLINE_DEMO: flag,
  /** 32-byte key (base64) sealing carrier credentials, SMTP/Klaviyo settings and shopper contacts at rest. */
  CREDENTIALS_KEY: optionalText.pipe(
    z
      .string()
      .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded")
      .optional(),
  ),
  /**
   * Secret keying the shopper identity hashes (HMAC of emails and phones). Required in production;
   * tests and the demo use TEST_AND_DEMO_IDENTITY_HASH_KEY. Changing it breaks every stored identity.
   */
  IDENTITY_HASH_KEY: optionalText.pipe(z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional()),
  /**
   * Points every carrier client at a carrier simulator, app and merchant credentials included:
   * refused unless in demo mode or tests (see the check after this schema).
   */
  CARRIER_SIMULATOR_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /**
   * Group commit of webhook deliveries: how long the first delivery of a batch waits for others
   * to share its transaction (0: only those that arrived during the previous commit share it).
   * Each delivery's answer waits for its commit, so this adds at most this much to its latency.
   */
  WEBHOOK_COMMIT_WINDOW_MS: z.coerce.number().int().min(0).max(100).default(16),
  /** Worker tuning: shipments per pass and idle pause between passes. */
  SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(600),
  SYNC_IDLE_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Sync passes one worker runs at once (one waits on the carriers while another parses and writes). */
  SYNC_PASSES_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(2),
  /** How long a claimed shipment stays a worker's; a crashed worker's shipments return after it. */
  SYNC_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
}).superRefine((env, ctx) => {
  // A stray simulator URL in a real deployment would hand every carrier credential to that host.
  if (env.CARRIER_SIMULATOR_URL && !env.TRACKLINE_DEMO && env.NODE_ENV !== "test") {
    ctx.addIssue({
      code: "custom",
      path: ["CARRIER_SIMULATOR_URL"],
      message: "only allowed in demo mode (TRACKLINE_DEMO=1) or tests (NODE_ENV=test): carrier credentials are sent there",
    });
  }
});

export type AppEnv = z.infer<typeof envSchema>;

/** The names the environment schema parses (tests check every carrier's declared variable is one). */
export const ENV_NAMES: readonly string[] = Object.keys(envSchema.shape);

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses the environment; each problem names its variable so the operator knows what to fix. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`));
  }
  return result.data;
}

export interface ShopifyCredentials {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[];
}

/** A server that talks to real Shopify needs all four; CLI commands and the demo do not. */
export function requireShopifyCredentials(env: AppEnv): ShopifyCredentials {
  const { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_APP_URL: appUrl, SCOPES: scopes } = env;
  if (apiKey && apiSecret && appUrl && scopes) {
    return { apiKey, apiSecret, appUrl, scopes: scopes.split(",").map((scope) => scope.trim()).filter(Boolean) };
  }
  const missing = (["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "SCOPES"] as const).filter(
    (name) => !env[name],
  );
  throw new EnvError(missing.map((name) => `${name}: required to connect to Shopify (or run \`npm run demo\`)`));
}

/** Public on purpose: only test and demo data are hashed with it. */
export const TEST_AND_DEMO_IDENTITY_HASH_KEY = "trackline-test-and-demo-identity-hash-key-not-a-secret";

/** The key of shopper identity hashes: configured, or the fixed one in tests and the demo. */
export function identityHashKey(env: AppEnv): string {
  if (env.IDENTITY_HASH_KEY) return env.IDENTITY_HASH_KEY;
  if (env.NODE_ENV === "test" || env.TRACKLINE_DEMO) return TEST_AND_DEMO_IDENTITY_HASH_KEY;
  throw new EnvError(["IDENTITY_HASH_KEY: required to hash shopper emails and phones (32+ random characters, e.g. `openssl rand -base64 32`)"]);
}

let cached: AppEnv | undefined;

/** The process environment, parsed on first use; a bad value stops start-up with a clear message. */
export function appEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

import { Session } from "@shopify/shopify-api";

/**
 * Demo mode: the embedded admin at /app without the Shopify admin, and /apps/track without an
 * app-proxy signature. Every stand-in demo mode uses instead of Shopify's authentication is
 * defined in this one module, and it only switches on when it is provably a local demo. The
 * modules that branch on it are listed in README "Layout" (kept exact by app/readme-layout.test.ts).
 */
export const DEMO_SHOP = "trackline-demo.myshopify.com";
export const DEMO_API_KEY = "trackline-demo-api-key";
export const DEMO_API_SECRET = "trackline-demo-api-secret";

export interface DemoModeInputs {
  NODE_ENV: string;
  HOST?: string | undefined;
  SHOPIFY_API_KEY?: string | undefined;
  SHOPIFY_API_SECRET?: string | undefined;
}

export class DemoModeRefused extends Error {
  constructor(reason: string) {
    super(`Demo mode refused: ${reason}`);
    this.name = "DemoModeRefused";
  }
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/** Throws unless demo mode is safe: not production, no real Shopify credentials, loopback only. */
export function assertDemoModeSafe(inputs: DemoModeInputs): void {
  if (inputs.NODE_ENV === "production") {
    throw new DemoModeRefused("NODE_ENV is production");
  }
  const realKey = inputs.SHOPIFY_API_KEY && inputs.SHOPIFY_API_KEY !== DEMO_API_KEY;
  const realSecret = inputs.SHOPIFY_API_SECRET && inputs.SHOPIFY_API_SECRET !== DEMO_API_SECRET;
  if (realKey || realSecret) {
    throw new DemoModeRefused("real Shopify credentials are configured (SHOPIFY_API_KEY / SHOPIFY_API_SECRET)");
  }
  if (!inputs.HOST || !isLoopbackHost(inputs.HOST)) {
    throw new DemoModeRefused(`it must bind to a loopback address (HOST is ${inputs.HOST ? `"${inputs.HOST}"` : "unset"})`);
  }
}

/** The fixed offline session of the demo shop. */
export function demoSession(): Session {
  return new Session({
    id: `offline_${DEMO_SHOP}`,
    shop: DEMO_SHOP,
    state: "demo",
    isOnline: false,
    scope: "read_orders,write_fulfillments",
    accessToken: "demo-access-token",
  });
}

/** Stands in for the Admin GraphQL client: nothing in demo mode may reach a real Shopify. */
export const demoAdminApi = {
  graphql: async (): Promise<Response> => {
    throw new Error("The Shopify Admin API is not reachable in demo mode");
  },
};

/** App-proxy requests in demo mode carry no signature; they are served as the demo shop. */
export function demoAppProxyContext() {
  return { session: demoSession(), shop: DEMO_SHOP };
}

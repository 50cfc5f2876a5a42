import { unauthenticated } from "~/shopify/shopify.server";
import { AdminApiError, createAdminGraphqlClient, type AdminClientOptions, type AdminGraphqlClient } from "./admin-client";

export type AdminClientFor = (shop: string) => Promise<AdminGraphqlClient>;

/**
 * The Admin client of a shop outside any request (workers, CLI): Shopify's library loads the
 * shop's offline session (refreshing an expiring token when needed) and our client speaks with
 * its access token. A shop without a session (uninstalled) is an unauthorized error.
 */
export function adminClientFactory(options: Omit<AdminClientOptions, "shop" | "accessToken"> = {}): AdminClientFor {
  return async (shop) => {
    let accessToken: string;
    try {
      const { session } = await unauthenticated.admin(shop);
      accessToken = session.accessToken ?? "";
    } catch (error) {
      throw new AdminApiError("unauthorized", `No usable offline session for ${shop}: ${(error as Error).message}`);
    }
    if (!accessToken) throw new AdminApiError("unauthorized", `The offline session of ${shop} has no access token`);
    return createAdminGraphqlClient({ ...options, shop, accessToken });
  };
}

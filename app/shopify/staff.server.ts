import { database } from "~/data/client.server";
import { staffDisplayName } from "~/data/worklist.server";
import { authenticate, isDemoMode, requireAdmin } from "./shopify.server";

export interface StaffRequest {
  shop: string;
  /** The staff member behind the request: Shopify's user id (session token `sub`) and a display name. */
  staff: { id: string; name: string };
}

/**
 * An embedded-admin request with the person making it, for changes that are assigned and
 * audited. The name comes from an online session of that user when the app holds one.
 */
export async function requireStaff(request: Request): Promise<StaffRequest> {
  if (isDemoMode) {
    const { shop } = await requireAdmin(request);
    return { shop, staff: { id: "demo", name: "Demo staff" } };
  }
  const { session, sessionToken } = await authenticate.admin(request);
  const id = String(sessionToken?.sub ?? session.onlineAccessInfo?.associated_user.id ?? "unknown");
  const name = (await staffDisplayName(database().db, session.shop, id)) ?? `Staff ${id}`;
  return { shop: session.shop, staff: { id, name } };
}

import { Session } from "@shopify/shopify-app-remix/server";
import type { Db } from "./db.server";
import type { Session as SessionRow } from "./generated/sqlite/client";
import { isUniqueViolation } from "./webhook-receipts.server";

/**
 * Shopify's sessions in the Session table, for `shopifyApp({ sessionStorage })`. It stores the
 * same columns as `@shopify/shopify-app-session-storage-prisma` did, but is typed against our own
 * client (that package wants the default `@prisma/client` type, which neither generated client
 * is) and reads user fields only when the row has them (the package turned a missing name into
 * the text "null").
 */
export class DatabaseSessionStorage {
  constructor(private readonly db: Db) {}

  async storeSession(session: Session): Promise<boolean> {
    const data = sessionRow(session);
    const upsert = () => this.db.session.upsert({ where: { id: session.id }, update: data, create: data });
    try {
      await upsert();
    } catch (error) {
      // Two requests storing the same new session race on the insert; the loser updates instead.
      if (!isUniqueViolation(error)) throw error;
      await upsert();
    }
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.db.session.findUnique({ where: { id } });
    return row ? sessionFromRow(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.db.session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.db.session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  /** The shop's newest 25 sessions, latest expiry first, as the Prisma storage answered. */
  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.db.session.findMany({ where: { shop }, take: 25, orderBy: [{ expires: "desc" }] });
    return rows.map(sessionFromRow);
  }
}

export function sessionRow(session: Session): SessionRow {
  const user = session.onlineAccessInfo?.associated_user;
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope || null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ?? "",
    userId: user?.id === undefined ? null : BigInt(user.id),
    firstName: user?.first_name || null,
    lastName: user?.last_name || null,
    email: user?.email || null,
    accountOwner: user?.account_owner ?? false,
    locale: user?.locale || null,
    collaborator: user?.collaborator ?? false,
    emailVerified: user?.email_verified ?? false,
    refreshToken: session.refreshToken || null,
    refreshTokenExpires: session.refreshTokenExpires ?? null,
  };
}

export function sessionFromRow(row: SessionRow): Session {
  const entries: [string, string | number | boolean | null][] = [
    ["id", row.id],
    ["shop", row.shop],
    ["state", row.state],
    ["isOnline", row.isOnline],
    ["scope", row.scope],
    ["expires", row.expires?.getTime() ?? null],
    ["accessToken", row.accessToken || null],
    ["refreshToken", row.refreshToken],
    ["refreshTokenExpires", row.refreshTokenExpires?.getTime() ?? null],
  ];
  if (row.isOnline) {
    entries.push(
      ["userId", row.userId === null ? null : String(row.userId)],
      ["firstName", row.firstName],
      ["lastName", row.lastName],
      ["email", row.email],
      ["locale", row.locale],
      ["accountOwner", row.accountOwner],
      ["collaborator", row.collaborator],
      ["emailVerified", row.emailVerified],
    );
  }
  // Session's own reader of stored properties: user fields become onlineAccessInfo.
  return Session.fromPropertyArray(
    entries.filter((entry): entry is [string, string | number | boolean] => entry[1] !== null),
    true,
  );
}

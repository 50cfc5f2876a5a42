import type { Session } from "@shopify/shopify-app-remix/server";

/** What Shopify's library asks of a session storage (the SessionStorage interface). */
export interface SessionStore {
  storeSession(session: Session): Promise<boolean>;
  loadSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
  findSessionsByShop(shop: string): Promise<Session[]>;
}

/** A token this close to expiring is read fresh, so a refresh done by another process is seen before this one would refresh it again. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Keeps recently loaded sessions for a few seconds. Every webhook and admin request loads the
 * shop's session (`authenticate.webhook` looks up the offline session on each delivery), which
 * at webhook rates is one database query per delivery for a row that rarely changes. Writes and
 * deletes through this storage update the cache at once; a change made by another process (the
 * worker refreshing an expiring token, the uninstall webhook deleting rows directly) is seen
 * within `ttlMs`, and a session about to expire is never served from the cache.
 */
export class CachedSessionStorage implements SessionStore {
  private readonly cache = new Map<string, { session: Session | undefined; until: number }>();

  constructor(
    private readonly store: SessionStore,
    private readonly ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async loadSession(id: string): Promise<Session | undefined> {
    const now = this.clock();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.session;
    const session = await this.store.loadSession(id);
    const expires = session?.expires?.getTime();
    if (expires === undefined || expires - now > EXPIRY_MARGIN_MS) this.cache.set(id, { session, until: now + this.ttlMs });
    else this.cache.delete(id);
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    this.cache.delete(session.id);
    return this.store.storeSession(session);
  }

  async deleteSession(id: string): Promise<boolean> {
    this.cache.delete(id);
    return this.store.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.cache.delete(id);
    return this.store.deleteSessions(ids);
  }

  findSessionsByShop(shop: string): Promise<Session[]> {
    return this.store.findSessionsByShop(shop);
  }

  /** Drops what is cached for a shop (its sessions were changed outside this storage). */
  forgetShop(shop: string): void {
    for (const [id, entry] of this.cache) if (entry.session?.shop === shop || id === `offline_${shop}`) this.cache.delete(id);
  }
}

import { Session } from "@shopify/shopify-app-remix/server";
import { describe, expect, it } from "vitest";
import { CachedSessionStorage, type SessionStore } from "./session-cache.server";

class MemoryStore implements SessionStore {
  readonly sessions = new Map<string, Session>();
  loads = 0;
  async storeSession(session: Session) {
    this.sessions.set(session.id, session);
    return true;
  }
  async loadSession(id: string) {
    this.loads += 1;
    return this.sessions.get(id);
  }
  async deleteSession(id: string) {
    return this.sessions.delete(id);
  }
  async deleteSessions(ids: string[]) {
    for (const id of ids) this.sessions.delete(id);
    return true;
  }
  async findSessionsByShop(shop: string) {
    return [...this.sessions.values()].filter((session) => session.shop === shop);
  }
}

const offline = (shop: string, accessToken: string, expires?: Date) =>
  new Session({ id: `offline_${shop}`, shop, state: "s", isOnline: false, accessToken, ...(expires ? { expires } : {}) });

describe("cached session storage", () => {
  it("answers repeated loads from memory until the time to live runs out", async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const cached = new CachedSessionStorage(store, 5_000, () => now);
    await store.storeSession(offline("a.myshopify.com", "t1"));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    store.sessions.set("offline_a.myshopify.com", offline("a.myshopify.com", "t2"));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    expect(store.loads).toBe(1);
    now += 5_001;
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    expect(store.loads).toBe(2);
  });

  it("sees its own writes and deletes at once", async () => {
    const store = new MemoryStore();
    const cached = new CachedSessionStorage(store, 60_000);
    await cached.storeSession(offline("a.myshopify.com", "t1"));
    await cached.loadSession("offline_a.myshopify.com");
    await cached.storeSession(offline("a.myshopify.com", "t2"));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t2");
    await cached.deleteSessions(["offline_a.myshopify.com"]);
    expect(await cached.loadSession("offline_a.myshopify.com")).toBeUndefined();
    await store.storeSession(offline("a.myshopify.com", "t3"));
    cached.forgetShop("a.myshopify.com");
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t3");
  });

  it("never serves a token about to expire from memory", async () => {
    const store = new MemoryStore();
    const now = Date.now();
    const cached = new CachedSessionStorage(store, 60_000, () => now);
    await store.storeSession(offline("a.myshopify.com", "old", new Date(now + 30_000)));
    await cached.loadSession("offline_a.myshopify.com");
    await store.storeSession(offline("a.myshopify.com", "refreshed", new Date(now + 3_600_000)));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("refreshed");
    expect(store.loads).toBe(2);
  });
});

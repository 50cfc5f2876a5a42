import v8 from "node:v8";

/**
 * V8 settings of the web server's processes. The server keeps about 55 MB of live heap (the
 * Remix build, the Shopify and database clients) and makes about 120 KB of short-lived objects
 * per storefront lookup. With V8's default trigger, a full mark-compact started from a task
 * every 3 s or so at 100 lookups/s, whatever room the old generation still had (each one marks
 * the whole live heap, on the main thread and on V8's helper threads). Starting incremental
 * marking once the old generation has used 70 % of its limit left one such collection in 20 s
 * of that load and cut the server's CPU per lookup by about a fifth (bench:track-page, the
 * README's Performance section). At 90 % the lookups gained as much but webhook deliveries,
 * which keep more objects alive across a group commit, cost about 15 % more; at 70 % they cost
 * the same as with the default.
 */
export const SERVER_V8_FLAGS = ["--incremental-marking-soft-trigger=70"] as const;

/** Applies SERVER_V8_FLAGS to this process's V8; V8 reads them when it decides to collect, so they hold from here on. */
export function tuneServerGarbageCollector(): void {
  for (const flag of SERVER_V8_FLAGS) v8.setFlagsFromString(flag);
}

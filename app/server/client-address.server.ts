import net from "node:net";

/**
 * The shopper's address as seen through `trustedHops` proxies. Each proxy appends the address it
 * received the request from to `X-Forwarded-For`, so only the right-most entries were written by
 * proxies we run or chose; everything to their left came from the client and may be forged.
 * The chain is the header's entries followed by the socket's peer (the nearest proxy, or the
 * client itself with no proxy); the client is the entry `trustedHops` places from its right.
 *
 * With fewer entries than hops, every entry present was written by a trusted proxy and the
 * left-most is the best answer. An entry that is not an IP address gives null (unknown).
 */
export function clientAddress(forwardedFor: string | readonly string[] | undefined, peer: string | undefined, trustedHops: number): string | null {
  const header = typeof forwardedFor === "string" ? forwardedFor : (forwardedFor ?? []).join(",");
  const entries = trustedHops > 0 ? header.split(",").map((entry) => entry.trim()).filter((entry) => entry.length > 0) : [];
  const chain = [...entries, peer ?? ""];
  const index = Math.max(0, chain.length - 1 - trustedHops);
  return normalizeAddress(chain[index] ?? "");
}

/** Plain IPv4/IPv6 text: ports and brackets removed, IPv4-mapped IPv6 shown as IPv4. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  return net.isIP(value) ? value.toLowerCase() : null;
}

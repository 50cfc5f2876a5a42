import type { Db } from "~/data/db.server";
import { addOptOut } from "~/data/notifications.server";
import { unsubscribeKeyFrom, verifyUnsubscribeToken, type UnsubscribeClaims } from "./unsubscribe-token.server";

/**
 * The signed unsubscribe / preferences page of shopper emails. GET only shows the choice (mail
 * scanners follow links); POST stops emails — for the order, or for every order of the shop —
 * including the one-click POST mail clients send (RFC 8058, body `List-Unsubscribe=One-Click`).
 */
export type UnsubscribeScope = "order" | "shop";

export function checkUnsubscribeLink(token: string | null, linkKey: Buffer): UnsubscribeClaims | null {
  return token ? verifyUnsubscribeToken(token, unsubscribeKeyFrom(linkKey)) : null;
}

export async function unsubscribe(db: Db, claims: UnsubscribeClaims, scope: UnsubscribeScope, now: Date): Promise<void> {
  await addOptOut(db, claims.shop, claims.emailHash, scope === "shop" ? null : claims.orderId, now);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);
}

/** A small standalone page (no admin, no JavaScript). */
export function unsubscribePage(options: { title: string; body: string; token?: string; shop?: string }): string {
  const form = (scope: UnsubscribeScope, label: string) =>
    `<form method="post" action="?t=${encodeURIComponent(options.token ?? "")}"><input type="hidden" name="scope" value="${scope}"><button type="submit">${escapeHtml(label)}</button></form>`;
  const choices = options.token
    ? `${form("order", "Stop emails about this order")}${form("shop", `Stop all tracking emails from ${options.shop ?? "this shop"}`)}`
    : "";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(options.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#202223}button{margin:8px 0;padding:10px 16px;border-radius:8px;border:1px solid #8c9196;background:#fff;font-size:15px;cursor:pointer;width:100%}</style></head>
<body><h1 style="font-size:22px">${escapeHtml(options.title)}</h1><p>${escapeHtml(options.body)}</p>${choices}</body></html>`;
}

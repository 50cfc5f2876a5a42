import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";
import { classesOf, criticalCss, parseStylesheet, type CssPiece } from "./critical-css";
import { AFTER_CONTENT_ATTRIBUTE, CRITICAL_CSS_ATTRIBUTE } from "./critical-styles";

/** A stylesheet's parsed pieces by its URL; null when there is none. */
export type StylesheetSource = (href: string) => CssPiece[] | null;

/** Parsed build stylesheets by URL; null when the file is not there (no build). */
const parsed = new Map<string, CssPiece[] | null>();

/** The build's stylesheets from public/, parsed once: they are fingerprinted and never change while the server runs. */
export const buildStylesheets: StylesheetSource = (href) => {
  let pieces = parsed.get(href);
  if (pieces !== undefined) return pieces;
  const file = path.join(projectRoot, "public", href);
  pieces = /^\/build\/[\w./-]+\.css$/.test(href) && !href.includes("..") && fs.existsSync(file) ? parseStylesheet(fs.readFileSync(file, "utf8")) : null;
  parsed.set(href, pieces);
  return pieces;
};

const AFTER_CONTENT_LINK = new RegExp(`<link rel="stylesheet" href="([^"]+)" ${AFTER_CONTENT_ATTRIBUTE}=""/>`, "g");
const CRITICAL_STYLE = `<style ${CRITICAL_CSS_ATTRIBUTE}=""></style>`;

/**
 * Fills the document's `<CriticalStyles />` with the rules of each stylesheet linked after the
 * content (`<StylesheetAfterContent />`) that can match an element of the document. A document
 * without both, or whose stylesheet is not on disk, is returned as it is; the page then paints
 * once the linked stylesheet has loaded, as any page with a stylesheet in its body does.
 */
export function inlineCriticalCss(html: string, stylesheet: StylesheetSource = buildStylesheets): string {
  const at = html.indexOf(CRITICAL_STYLE);
  if (at === -1) return html;
  const hrefs = [...html.matchAll(AFTER_CONTENT_LINK)].map((match) => match[1]!);
  if (hrefs.length === 0) return html;
  const used = classesOf(html);
  let css = "";
  for (const href of hrefs) {
    const pieces = stylesheet(href);
    if (pieces) css += criticalCss(pieces, used);
  }
  // Nothing in a stylesheet may close the style element early.
  css = css.replace(/<\/(style)/gi, "<\\/$1");
  const open = CRITICAL_STYLE.length - "</style>".length;
  return `${html.slice(0, at + open)}${css}${html.slice(at + open)}`;
}

/**
 * Critical CSS by class names: the rules of a stylesheet that can match an element of a given
 * HTML document, so a page can paint from them before the whole stylesheet has arrived.
 *
 * A style rule is kept unless every selector in its list names a class the document does not use
 * (outside pseudo-class arguments such as `:not()` and `:is()`, and attribute selectors, which are
 * not required);
 * rules that name no class (`:root`, `html`, `[data-…]`) are always kept, and so are at-rules other
 * than `@media`, `@supports`, `@layer` and `@container`, whose inner rules are picked the same way.
 * The result is the stylesheet's own text, in its order, less rules that cannot match: for every
 * element of the document the same rules apply as with the whole stylesheet, so the page looks the
 * same with either, and the same again once the whole stylesheet has loaded after it.
 */

import postcss, { type ChildNode } from "postcss";
import selectorParser from "postcss-selector-parser";

export interface CssPiece {
  /** The piece's own text (a style rule or an at-rule kept whole). */
  text: string;
  /** For a style rule: one class list per selector; the rule can match when every class of one is used. Null: always kept. */
  needs: string[][] | null;
  /** For a grouping at-rule (`@media …`): its prelude and inner pieces. */
  group?: { prelude: string; pieces: CssPiece[] };
}

const GROUPING_AT_RULES = new Set(["media", "supports", "layer", "container"]);

/**
 * The classes an element (or its ancestors, siblings) must have for this one selector to match:
 * those named outside pseudo-class arguments and attribute selectors, unescaped as HTML writes them.
 */
export function requiredClasses(selector: string): string[] {
  const classes: string[] = [];
  selectorParser((root) => {
    root.walkClasses((node) => {
      // Directly in a top-level selector, not in `:not(…)`, `:is(…)` and the like.
      if (node.parent?.parent?.type === "root") classes.push(node.value);
    });
  }).processSync(selector);
  return classes;
}

function piecesOf(nodes: readonly ChildNode[]): CssPiece[] {
  const pieces: CssPiece[] = [];
  for (const node of nodes) {
    if (node.type === "rule") pieces.push({ text: node.toString(), needs: node.selectors.map(requiredClasses) });
    else if (node.type === "atrule") {
      const name = node.name.toLowerCase();
      // @charset only means something at the start of a file, and nothing in a style element.
      if (name === "charset") continue;
      if (GROUPING_AT_RULES.has(name) && node.nodes) {
        const prelude = `@${node.name}${node.params ? `${node.raws.afterName || " "}${node.params}` : ""}`;
        pieces.push({ text: node.toString(), needs: null, group: { prelude, pieces: piecesOf(node.nodes) } });
      } else {
        // Statement at-rules (@import, @layer a, b;) keep their semicolon.
        pieces.push({ text: node.nodes ? node.toString() : `${node.toString()};`, needs: null });
      }
    }
    // Comments between pieces are dropped; declarations cannot stand at the top level.
  }
  return pieces;
}

/** The stylesheet's top-level pieces (and those of its grouping at-rules), in order. */
export function parseStylesheet(css: string): CssPiece[] {
  return piecesOf(postcss.parse(css).nodes);
}

/** The pieces that can match a document using these classes, as CSS text. */
export function criticalCss(pieces: readonly CssPiece[], used: ReadonlySet<string>): string {
  let css = "";
  for (const piece of pieces) {
    if (piece.group) {
      const inner = criticalCss(piece.group.pieces, used);
      if (inner !== "" || piece.group.pieces.length === 0) css += `${piece.group.prelude}{${inner}}`;
    } else if (piece.needs === null || piece.needs.some((classes) => classes.every((name) => used.has(name)))) {
      css += piece.text;
    }
  }
  return css;
}

const CLASS_ATTRIBUTE = /\sclass="([^"]*)"/g;

/** Every class name in the document's `class` attributes (as a server renders them, in double quotes). */
export function classesOf(html: string): Set<string> {
  const used = new Set<string>();
  for (const match of html.matchAll(CLASS_ATTRIBUTE)) {
    for (const name of match[1]!.split(/\s+/)) if (name !== "") used.add(name.replace(/&amp;/g, "&"));
  }
  return used;
}

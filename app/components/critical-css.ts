/**
 * Critical CSS by class names: the rules of a stylesheet that can match an element of a given
 * HTML document, so a page can paint from them before the whole stylesheet has arrived.
 *
 * A style rule is kept unless every selector in its list names a class the document does not use
 * (outside `:not()`, `:is()`, `[…]` and other parentheses or brackets, which are not required);
 * rules that name no class (`:root`, `html`, `[data-…]`) are always kept, and so are at-rules other
 * than `@media`, `@supports`, `@layer` and `@container`, whose inner rules are picked the same way.
 * The result is the stylesheet's own text, in its order, less rules that cannot match: for every
 * element of the document the same rules apply as with the whole stylesheet, so the page looks the
 * same with either, and the same again once the whole stylesheet has loaded after it.
 */

export interface CssPiece {
  /** The piece's own text (a style rule or an at-rule kept whole). */
  text: string;
  /** For a style rule: one class list per selector; the rule can match when every class of one is used. Null: always kept. */
  needs: string[][] | null;
  /** For a grouping at-rule (`@media …`): its prelude and inner pieces. */
  group?: { prelude: string; pieces: CssPiece[] };
}

const GROUPING_AT_RULES = /^@(?:media|supports|layer|container)\b/i;

/** Index just past the comment or string starting at `i`, or `i` when none starts there. */
function skipCommentOrString(css: string, i: number): number {
  const char = css[i];
  if (char === "/" && css[i + 1] === "*") {
    const end = css.indexOf("*/", i + 2);
    return end === -1 ? css.length : end + 2;
  }
  if (char === '"' || char === "'") {
    for (let j = i + 1; j < css.length; j++) {
      if (css[j] === "\\") j++;
      else if (css[j] === char) return j + 1;
    }
    return css.length;
  }
  return i;
}

/** Index of the `}` that closes the block opened just before `start`. */
function blockEnd(css: string, start: number): number {
  let depth = 1;
  for (let i = start; i < css.length; ) {
    const skipped = skipCommentOrString(css, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (css[i] === "\\") i += 2;
    else {
      if (css[i] === "{") depth++;
      else if (css[i] === "}" && --depth === 0) return i;
      i++;
    }
  }
  return css.length;
}

/** Splits a selector list at its top-level commas. */
function splitSelectors(selectorList: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selectorList.length; ) {
    const skipped = skipCommentOrString(selectorList, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const char = selectorList[i]!;
    if (char === "\\") {
      i += 2;
      continue;
    }
    if (char === "(" || char === "[") depth++;
    else if (char === ")" || char === "]") depth--;
    else if (char === "," && depth === 0) {
      selectors.push(selectorList.slice(from, i));
      from = i + 1;
    }
    i++;
  }
  selectors.push(selectorList.slice(from));
  return selectors;
}

/** `\:` → `:`, `\31 ` → `1`: a class name as it is written in an HTML attribute. */
function unescapeIdentifier(escaped: string): string {
  return escaped.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|(.))/gs, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (char ?? ""),
  );
}

const CLASS_NAME = /\.((?:[\w-]|\\(?:[0-9a-fA-F]{1,6}\s?|[^\n0-9a-fA-F])|[^\p{ASCII}])+)/gu;

/** The classes an element (or its ancestors, siblings) must have for this one selector to match. */
export function requiredClasses(selector: string): string[] {
  // Brackets and parentheses hold attribute values and arguments (`:not(.x)`, `:is(.a, .b)`):
  // nothing in them is required of the document.
  let outside = "";
  let depth = 0;
  for (let i = 0; i < selector.length; ) {
    const skipped = skipCommentOrString(selector, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const char = selector[i]!;
    if (char === "\\") {
      if (depth === 0) outside += selector.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === "(" || char === "[") depth++;
    else if (char === ")" || char === "]") depth--;
    else if (depth === 0) outside += char;
    i++;
  }
  return [...outside.matchAll(CLASS_NAME)].map((match) => unescapeIdentifier(match[1]!));
}

/** The stylesheet's top-level pieces (and those of its grouping at-rules), in order. */
export function parseStylesheet(css: string, from = 0, to = css.length): CssPiece[] {
  const pieces: CssPiece[] = [];
  let start = from;
  for (let i = from; i < to; ) {
    const skipped = skipCommentOrString(css, i);
    if (skipped !== i) {
      // A comment between pieces is dropped; one inside a prelude stays part of it.
      if (css[i] === "/" && css.slice(start, i).trim() === "") start = skipped;
      i = skipped;
      continue;
    }
    const char = css[i];
    if (char === "\\") {
      i += 2;
      continue;
    }
    if (char === ";") {
      // A statement at-rule (@import, @layer a, b;): always kept; @charset only means something
      // at the start of a file, and nothing in a style element.
      const text = css.slice(start, i + 1).trim();
      if (text !== ";" && !/^@charset\b/i.test(text)) pieces.push({ text, needs: null });
      start = i = i + 1;
      continue;
    }
    if (char === "{") {
      const end = blockEnd(css, i + 1);
      const prelude = css.slice(start, i).trim();
      const text = css.slice(start, end + 1).trim();
      if (prelude.startsWith("@")) {
        pieces.push(GROUPING_AT_RULES.test(prelude) ? { text, needs: null, group: { prelude, pieces: parseStylesheet(css, i + 1, end) } } : { text, needs: null });
      } else {
        pieces.push({ text, needs: splitSelectors(prelude).map(requiredClasses) });
      }
      start = i = end + 1;
      continue;
    }
    i++;
  }
  return pieces;
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

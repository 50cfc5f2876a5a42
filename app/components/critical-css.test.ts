import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { classesOf, criticalCss, parseStylesheet, requiredClasses } from "./critical-css";
import { inlineCriticalCss } from "./critical-css.server";

const STYLESHEET = [
  '@charset "UTF-8";',
  ":root{--p-space-100:.25rem}",
  "/* a comment { with braces } */",
  "html,body{margin:0}",
  ".Page{padding:1rem}",
  ".Page .Title,.Modal .Title{font-size:2rem}",
  ".Button:not(.Button--disabled):hover{color:red}",
  ".Button--disabled{opacity:.5}",
  '.Icon[data-name="a.b{c}"]::after{content:"}"}',
  ":is(.Unused, .Page) > p{margin:0}",
  ".Tabs\\:hover{color:blue}",
  "@media (min-width: 48em){.Page{padding:2rem}.Modal{width:50%}}",
  "@media print{.Modal{display:none}}",
  "@supports (display:grid){@media (min-width: 30em){.Page{display:grid}}}",
  "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}",
  "@font-face{font-family:x;src:local(x)}",
].join("");

describe("critical CSS", () => {
  it("requires the classes a selector names outside brackets and parentheses", () => {
    expect(requiredClasses(".a .b:hover")).toEqual(["a", "b"]);
    expect(requiredClasses(".a.b>.c+.d~.e::after")).toEqual(["a", "b", "c", "d", "e"]);
    expect(requiredClasses(".a:not(.b)")).toEqual(["a"]);
    expect(requiredClasses(":is(.a, .b) .c")).toEqual(["c"]);
    expect(requiredClasses('[class*="x.y"] .z')).toEqual(["z"]);
    expect(requiredClasses(".Polaris-Box\\:hover")).toEqual(["Polaris-Box:hover"]);
    expect(requiredClasses(".\\31 0")).toEqual(["10"]);
    expect(requiredClasses("html")).toEqual([]);
    expect(requiredClasses("[data-polaris-tooltip-activator]:after")).toEqual([]);
  });

  it("keeps, in order, exactly the rules that can match a document using these classes", () => {
    const pieces = parseStylesheet(STYLESHEET);
    expect(criticalCss(pieces, new Set(["Page", "Title", "Button"]))).toBe(
      [
        ":root{--p-space-100:.25rem}",
        "html,body{margin:0}",
        ".Page{padding:1rem}",
        ".Page .Title,.Modal .Title{font-size:2rem}",
        ".Button:not(.Button--disabled):hover{color:red}",
        ":is(.Unused, .Page) > p{margin:0}",
        "@media (min-width: 48em){.Page{padding:2rem}}",
        "@supports (display:grid){@media (min-width: 30em){.Page{display:grid}}}",
        "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}",
        "@font-face{font-family:x;src:local(x)}",
      ].join(""),
    );
    expect(criticalCss(pieces, new Set(["Modal", "Icon", "Tabs:hover"]))).toBe(
      [
        ":root{--p-space-100:.25rem}",
        "html,body{margin:0}",
        '.Icon[data-name="a.b{c}"]::after{content:"}"}',
        ":is(.Unused, .Page) > p{margin:0}",
        ".Tabs\\:hover{color:blue}",
        "@media (min-width: 48em){.Modal{width:50%}}",
        "@media print{.Modal{display:none}}",
        "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}",
        "@font-face{font-family:x;src:local(x)}",
      ].join(""),
    );
  });

  it("gives Polaris's whole stylesheet back, less its @charset, when every class is used", () => {
    const require = createRequire(import.meta.url);
    const polaris = fs.readFileSync(require.resolve("@shopify/polaris/build/esm/styles.css"), "utf8");
    const pieces = parseStylesheet(polaris);
    const everyName = new Set(polaris.match(/[\w-]+/g));
    for (const escaped of polaris.matchAll(/\.((?:[\w-]|\\.)+)/g)) everyName.add(escaped[1]!.replace(/\\(.)/g, "$1"));
    // Every character but comments, whitespace between rules and the @charset, in order.
    const significant = (css: string) => css.replace(/^@charset "UTF-8";/, "").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, "");
    expect(significant(criticalCss(pieces, everyName))).toBe(significant(polaris));
    // And a page that uses nothing gets the tokens and element rules alone, a fraction of it.
    const bare = criticalCss(pieces, new Set());
    expect(bare).toContain(":root");
    expect(bare).not.toContain(".Polaris-Button");
    expect(bare.length).toBeLessThan(polaris.length / 10);
  });

  it("reads the classes of a rendered document's class attributes", () => {
    // Text is escaped as React renders it: a quote in it is &quot;.
    expect([...classesOf('<div class="a  b"><svg class="c"></svg><p class="">x class=&quot;d&quot;</p><i class="e&amp;f"></i></div>')]).toEqual(["a", "b", "c", "e&f"]);
  });

  it("fills the head's style element with the rules of the stylesheet linked after the content", () => {
    const html =
      '<html><head><title>t</title><style data-critical-css=""></style></head><body><div class="Page"><h1 class="Title">Shipments</h1></div>' +
      '<link rel="stylesheet" href="/build/_assets/styles-A.css" data-after-content=""/></body></html>';
    const stylesheets = { "/build/_assets/styles-A.css": parseStylesheet(STYLESHEET) } as Record<string, ReturnType<typeof parseStylesheet>>;
    const filled = inlineCriticalCss(html, (href) => stylesheets[href] ?? null);
    expect(filled).toBe(
      html.replace(
        '<style data-critical-css=""></style>',
        `<style data-critical-css="">${criticalCss(stylesheets["/build/_assets/styles-A.css"]!, new Set(["Page", "Title"]))}</style>`,
      ),
    );
    expect(filled).toContain(".Page .Title,.Modal .Title{font-size:2rem}");
    expect(filled).not.toContain(".Modal{");
    // Nothing to fill, or nothing to fill it from: the document as it was.
    expect(inlineCriticalCss(html.replace(' data-after-content=""', ""), (href) => stylesheets[href] ?? null)).toBe(html.replace(' data-after-content=""', ""));
    expect(inlineCriticalCss(html.replace('<style data-critical-css=""></style>', ""), (href) => stylesheets[href] ?? null)).toBe(html.replace('<style data-critical-css=""></style>', ""));
    expect(inlineCriticalCss(html, () => null)).toBe(html);
    // A stylesheet's text cannot end the style element.
    const hostile = parseStylesheet('.Page{content:"</style><script>alert(1)</script>"}');
    // The parser writes the string's "<" as the CSS escape `\3c ` (the same text to CSS).
    expect(inlineCriticalCss(html, () => hostile)).toContain('<style data-critical-css="">.Page{content:"\\3c /style><script>alert(1)</script>"}</style><');
  });
});

/**
 * What `bench:admin-pages` serves in place of Shopify's hosted App Bridge
 * (https://cdn.shopify.com/shopifycloud/app-bridge.js), which the benchmark's browser cannot reach.
 * It gives the page what App Bridge gives an embedded app on load: `window.shopify` with the
 * app's config, `idToken()` answering the session token the admin put in the URL, no-op save bar,
 * toast and loading calls, a `fetch` that adds `Authorization: Bearer <session token>` to the
 * app's own requests, and the `ui-nav-menu`, `ui-title-bar` and `ui-save-bar` elements (with the
 * save bar's show/hide/toggle) kept out of the app's page, as App Bridge moves them to the admin's
 * chrome. That chrome is not drawn. It is a few
 * hundred bytes, served from the benchmark process (not through the throttled network), and its
 * bytes are printed apart from the page's own scripts.
 */
export const APP_BRIDGE_STAND_IN = `(function () {
  var script = document.currentScript;
  var params = new URLSearchParams(location.search);
  var token = params.get("id_token") || "";
  var done = function () { return Promise.resolve(); };
  window.shopify = {
    config: { apiKey: script ? script.getAttribute("data-api-key") : "", shop: params.get("shop"), host: params.get("host"), locale: params.get("locale") || "en" },
    idToken: function () { return Promise.resolve(token); },
    saveBar: { show: done, hide: done, toggle: done, leaveConfirmation: done },
    toast: { show: function () { return ""; }, hide: function () {} },
    loading: function () {},
  };
  var style = document.createElement("style");
  style.textContent = "ui-nav-menu, ui-title-bar, ui-save-bar { display: none }";
  document.head.appendChild(style);
  customElements.define("ui-nav-menu", class extends HTMLElement {});
  customElements.define("ui-title-bar", class extends HTMLElement {});
  customElements.define("ui-save-bar", class extends HTMLElement {
    get showing() { return this.hasAttribute("data-showing"); }
    show() { this.setAttribute("data-showing", ""); this.dispatchEvent(new Event("show")); return Promise.resolve(); }
    hide() { if (this.showing) { this.removeAttribute("data-showing"); this.dispatchEvent(new Event("hide")); } return Promise.resolve(); }
    toggle() { return this.showing ? this.hide() : this.show(); }
  });
  var nativeFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin || !token) return nativeFetch(input, init);
    var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
    return nativeFetch(input, Object.assign({}, init, { headers: headers }));
  };
})();
`;

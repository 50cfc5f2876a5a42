import { ApiVersion } from "@shopify/shopify-api";

/** The one Admin GraphQL / webhook API version the app speaks. shopify.app.toml must agree (tested). */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

/** UI extensions follow the installed @shopify/ui-extensions line (2026.7.x → "2026-07"). */
export const UI_EXTENSIONS_API_VERSION = "2026-07";

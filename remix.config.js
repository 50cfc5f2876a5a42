/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  // Tests and dotfiles sit beside routes but are not routes.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/__fixtures__/**"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Polaris imports its locale JSON, which Node's ESM loader cannot import unbundled.
  serverDependenciesToBundle: [/^@shopify\/polaris/],
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};

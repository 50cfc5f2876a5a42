import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Layers the design fixes (domain ← carriers ← services ← routes/workers): lower layers may not
// import upward, and the domain stays free of frameworks, I/O and environment.
const upward = (layers) => layers.map((layer) => ({ group: [`**/${layer}/**`, `~/${layer}/**`], message: `the domain/carrier layers may not import from ${layer}/` }));

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "app/data/generated/**",
      "extensions/*/dist/**",
      ".cache/**",
      ".shopify/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "@shopify/*", "@prisma/*", "prisma", "react", "react-dom"], message: "app/domain is framework-free" },
            { group: ["node:*", "fs", "path", "http", "https", "net", "child_process", "os", "crypto"], message: "app/domain does no I/O" },
            ...upward(["data", "shopify", "carriers", "services", "routes", "workers", "config", "cli", "demo", "server"]),
          ],
        },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "app/domain never reads the environment" }],
      "no-restricted-globals": ["error", { name: "fetch", message: "app/domain does no I/O" }],
    },
  },
  {
    files: ["app/carriers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: upward(["data", "shopify", "services", "routes", "workers", "config", "demo", "server"]) },
      ],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "carrier adapters get options injected" }],
    },
  },
);

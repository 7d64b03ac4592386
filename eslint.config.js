// ESLint flat config. The rule that matters most here keeps app/domain pure: no Prisma, no Shopify,
// no network or Node built-ins, no clock and no randomness, so every decision can be replayed.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const DOMAIN_FORBIDDEN_IMPORTS = [
  { group: ["@prisma/*", "**/generated/*", "**/generated/**"], message: "app/domain is pure: pass data in, let services talk to the database." },
  { group: ["@shopify/*"], message: "app/domain knows Shopify's payload shapes (zod), not its SDKs." },
  { group: ["node:*", "fs", "path", "http", "https", "net", "child_process", "crypto", "os"], message: "app/domain runs without Node built-ins; take what you need as a parameter." },
  { group: ["openai", "nodemailer", "pg", "better-sqlite3", "undici", "axios", "node-fetch"], message: "app/domain does no I/O; declare a port and implement it in app/adapters." },
  { group: ["**/adapters/**", "**/services/**", "**/routes/**", "~/adapters/*", "~/services/*", "~/routes/*", "**/*.server", "~/*.server"], message: "dependencies point one way: routes -> services -> domain." },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "app/generated/**", "extensions/*/dist/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: DOMAIN_FORBIDDEN_IMPORTS }],
      "no-restricted-globals": ["error", { name: "fetch", message: "app/domain does no I/O." }, { name: "process", message: "pass configuration in." }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "pass `now` in so decisions can be replayed." },
        { object: "Math", property: "random", message: "pass a seeded random source in." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the clock: pass `now` in." },
      ],
    },
  },
  {
    // Command-line entry points and test tooling print to the console on purpose.
    files: ["app/demo/**", "app/server/**", "prisma/**", "test/**", "app/models/cli/**"],
    rules: { "no-console": "off" },
  },
);

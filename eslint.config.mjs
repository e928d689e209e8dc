// Lint: no explicit `any`, and the architecture's import direction
// (adapters -> core -> model). A file's folder says what it may touch.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ioModules = [
  "fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process",
  "path", "node:path", "os", "node:os", "process", "node:process", "yargs", "yargs/*", "tsx", "tsx/*",
];
const restrict = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "reports/**", ".stryker-tmp*/**", "generated/**", "bin/**", "*.config.js", "*.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/model/**/*.ts"],
    rules: restrict(
      [...ioModules, "@pulumi/*", "**/core/**", "**/adapters/**"],
      "src/model is pure data and validation: it may not import core, adapters, Pulumi or any I/O module.",
    ),
  },
  {
    files: ["src/core/**/*.ts"],
    rules: restrict(
      [...ioModules, "@pulumi/*", "**/adapters/**"],
      "src/core is pure: it may import src/model and other core modules, never adapters, Pulumi or I/O.",
    ),
  },
);

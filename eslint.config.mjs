// Lint is a gate (`npm test` runs it with --max-warnings 0). The folder fences keep the core pure and
// keep Office.js and DuckDB each in one folder (see docs/adr/0001-pure-core-and-adapters.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

const nodeOnly = ["node:*", "fs", "fs/*", "path", "os", "child_process", "crypto", "zlib", "stream", "worker_threads"];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "addin/dist/**", "coverage/**", "tests/artifacts/**", "bench/results/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The core is pure: no Office, no DuckDB, no file system, no process.
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: [...nodeOnly, "process"], message: "core/ is pure: no Node APIs (pass data in from the adapters)." },
            { group: ["@duckdb/*", "apache-arrow", "exceljs", "yauzl", "csv-parse", "csv-parse/*"], message: "core/ is pure: I/O libraries belong to pipeline/." },
            { group: ["react", "react-dom", "@fluentui/*", "office-*", "@microsoft/*"], message: "core/ is pure: UI and Office belong to addin/." },
            { group: ["../../pipeline/*", "../../addin/*", "../../../pipeline/*", "../../../addin/*"], message: "core/ depends on nothing else in the project." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["process", "Buffer", "require", "window", "document", "Office", "Excel", "__dirname", "fetch", "localStorage"].map((name) => ({
          name,
          message: "core/ is pure: this global belongs to an adapter.",
        })),
      ],
    },
  },
  {
    // The add-in runs in Office's web view: no Node, no DuckDB, no file parsers.
    files: ["addin/**/*.ts", "addin/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: nodeOnly, message: "The add-in runs in a browser." },
            { group: ["@duckdb/*", "exceljs", "yauzl", "csv-parse", "apache-arrow"], message: "Pipeline libraries stay out of the task pane bundle." },
            { group: ["**/pipeline/*"], message: "The add-in uses core/, never the pipeline." },
            { group: ["@microsoft/office-js-helpers"], message: "Archived since 2020: use Office.js and Fluent MessageBar." },
          ],
        },
      ],
    },
  },
  {
    // Office.js lives in addin/src/excel/ (and the host bootstrap): components receive functions as props.
    files: ["addin/src/**/*.ts", "addin/src/**/*.tsx"],
    ignores: ["addin/src/excel/**", "addin/src/host/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "Office.js calls live in addin/src/excel/; pass them to components as props." },
        { name: "Office", message: "Office.js calls live in addin/src/excel/ or addin/src/host/." },
      ],
    },
  },
  {
    files: ["addin/src/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-office-initialize": "error",
    },
  },
  {
    files: ["addin/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // DuckDB lives in pipeline/src/db/.
    files: ["pipeline/**/*.ts", "tests/**/*.ts", "bench/**/*.ts"],
    ignores: ["pipeline/src/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@duckdb/*"], message: "DuckDB calls live in pipeline/src/db/ behind typed functions." }] },
      ],
    },
  },
);

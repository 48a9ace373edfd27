/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // Type-checking is `npm run typecheck`'s job; jest only transpiles, which keeps the suites fast.
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", transpilation: true }] },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 60000,
  globalSetup: "<rootDir>/tests/setup/globalSetup.js",
  globalTeardown: "<rootDir>/tests/setup/globalTeardown.js",
};

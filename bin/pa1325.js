#!/usr/bin/env node
// The `pa1325` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "dist", "pipeline", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("pa1325 is not built yet: run `npm ci` (or `npm run build:cli`) in the project folder first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

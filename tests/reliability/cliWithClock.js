#!/usr/bin/env node
// `pa1325` with a fixed clock: `node tests/reliability/cliWithClock.js 2026-09-01T12:00:00Z report …`. The same
// compiled command as bin/pa1325.js, in its own process, but dated by the first argument, so that a run can be
// compared byte for byte with another (the pack's workbook and tables carry the time they were made).
"use strict";
const path = require("node:path");
const { main } = require(path.join(__dirname, "..", "..", "dist", "pipeline", "src", "cli", "main.js"));
const { processEffects } = require(path.join(__dirname, "..", "..", "dist", "pipeline", "src", "cli", "CommandContext.js"));

const [clock, ...args] = process.argv.slice(2);
const now = new Date(clock);
if (Number.isNaN(now.getTime())) {
  process.stderr.write(`not a time: ${clock}\n`);
  process.exit(2);
}
main(args, { ...processEffects, now: () => now, clock: now }).then((code) => {
  process.exitCode = code;
});

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

// Every suite runs in UTC so that dates in outputs and golden files do not depend on the machine.
//
// Every suite also runs with its own temporary folder: TMPDIR points into one folder made for this run, which
// globalTeardown.js deletes. Suites make hundreds of folders (databases, workbooks, LibreOffice's and
// Chromium's profiles, the CLI's own temporary files) — ~100 folders, ~340 MB a run — and before this each run left them all
// in /tmp. Set PA1325_KEEP_TEST_FILES=1 to keep the folder for a look after a failure.
// The workers jest starts inherit this environment, and Node's os.tmpdir() reads TMPDIR at each call.
module.exports = async () => {
  process.env.TZ = "UTC";
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "pa1325-tests-"));
  process.env.PA1325_TEST_RUN_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
};

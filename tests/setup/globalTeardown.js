const fs = require("node:fs");

// Deletes the run's temporary folder made by globalSetup.js, unless PA1325_KEEP_TEST_FILES=1.
module.exports = async () => {
  const runDir = process.env.PA1325_TEST_RUN_TMPDIR;
  if (!runDir) return;
  if (process.env.PA1325_KEEP_TEST_FILES === "1") {
    process.stderr.write(`\nThe tests' temporary files are kept in ${runDir}\n`);
    return;
  }
  fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
};

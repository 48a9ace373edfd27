#!/usr/bin/env node
// A large corpus in seconds, for the memory of long runs (bench/README.md): each workbook of a generated corpus,
// copied COPIES times into DEST/k00, DEST/k01, …, each copy with its own zip comment. The entries are the same
// bytes, so every copy reads and checks as its original does, but the file's SHA-256 differs: `pa1325 ingest`
// stores each as a new version (a resubmission with no change), not as "already stored". Generating 90,000
// distinct workbooks with read-baselines.js takes ~2 hours on two cores; this, ~15 s.
//
//   node bench/tools/copy-corpus.js /tmp/bench1000 /tmp/big90 90          # 90,000 files, ~2.7 GB
//   node bench/tools/copy-corpus.js /tmp/bench1000 /tmp/more 1 --from 90  # one more 1,000, new bytes (k90)
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const EOCD = 0x06054b50;

/**
 * Copies each workbook of `source` `copies` times into `dest`/k<from>, k<from+1>, …, each copy with the zip
 * comment "copy k". Returns the number of files written.
 */
function copyCorpus(source, dest, copies, from = 0) {
  const files = fs
    .readdirSync(source)
    .filter((f) => f.endsWith(".xlsx"))
    .sort();
  for (let k = from; k < from + copies; k++) {
    const folder = path.join(dest, `k${String(k).padStart(2, "0")}`);
    fs.mkdirSync(folder, { recursive: true });
    for (const name of files) {
      const bytes = fs.readFileSync(path.join(source, name));
      // The end-of-central-directory record is the file's last 22 bytes when there is no comment yet.
      const end = bytes.length - 22;
      if (end < 0 || bytes.readUInt32LE(end) !== EOCD || bytes.readUInt16LE(end + 20) !== 0) {
        throw new Error(`${name}: its zip already has a comment or does not end with its directory record`);
      }
      const comment = Buffer.from(`copy ${k}`);
      const copy = Buffer.concat([bytes, comment]);
      copy.writeUInt16LE(comment.length, end + 20);
      fs.writeFileSync(path.join(folder, name), copy);
    }
  }
  return files.length * copies;
}

module.exports = { copyCorpus };

if (require.main === module) {
  const [source, dest, copiesText, fromFlag, fromText] = process.argv.slice(2);
  const copies = Number(copiesText);
  const from = fromFlag === "--from" ? Number(fromText) : 0;
  if (!source || !dest || !Number.isInteger(copies) || copies < 1 || !Number.isInteger(from) || from < 0) {
    process.stderr.write("usage: node bench/tools/copy-corpus.js SOURCE DEST COPIES [--from N]\n");
    process.exit(2);
  }
  process.stdout.write(`${copyCorpus(source, dest, copies, from)} files in ${dest}\n`);
}

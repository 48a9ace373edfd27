// Mutations of a valid workbook for fuzzing the reader (jest's fuzz suite and fuzz-reader.js share them).
// Plain JavaScript so the soak script runs with node after `npm run build:cli`. Types: mutateWorkbook.d.ts.
const fc = require("fast-check");
const { Buffer } = require("node:buffer");
const { buildZip, readZipEntries } = require("../helpers/zipWriter");

// Fragments that break XML, the grid or the formulas in the ways a broken or hostile producer would.
const SPLICES = [
  "<", ">", "&", "&amp", "&#0;", "&#xD800;", "&bogus;", '"', "'", "/>", "</", "<!-- ", " -->", "<![CDATA[", "]]>",
  "<!DOCTYPE x [<!ENTITY e 'e'>]>", "<?xml ?>", "\u0000", "\uFFFF", "_x0000_", "_xD800_",
  '<c r="XFD1048577"><v>1</v></c>', '<c r="A0"><v>1</v></c>', '<c t="s"><v>999999</v></c>', '<c t="b"><v>2</v></c>',
  '<c t="zz"><v>1</v></c>', "<c><v>1e999</v></c>", "<c><v>0x10</v></c>", '<f t="shared" si="77"/>',
  '<row r="0">', '<row r="99999999999">', "<row>", "</row>", "<sheetData>", "</sheetData>", "<is><t>", "</t></is>",
  '<sheet name="__proto__" sheetId="9" r:id="rId1"/>', '<Relationship Id="rId1" Type="x/worksheet" Target="../../etc/passwd"/>',
];

/** One mutation, as data (so fast-check can shrink and print it). */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant("flip"), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("truncate"), at: fc.nat() }),
  fc.record({ kind: fc.constant("reorder"), seed: fc.nat() }),
  fc.record({ kind: fc.constant("splice"), entry: fc.nat(), at: fc.nat(), fragment: fc.constantFrom(...SPLICES), cut: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant("dropEntry"), entry: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateEntry"), entry: fc.nat() }),
  fc.record({ kind: fc.constant("bytes"), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);

function applyMutation(xlsx, m) {
  switch (m.kind) {
    case "flip": {
      const out = Buffer.from(xlsx);
      for (let i = 0; i < m.count; i++) {
        const at = (m.at + i * 9973) % out.length;
        out[at] ^= 1 << m.bit;
      }
      return out;
    }
    case "truncate":
      return xlsx.subarray(0, m.at % xlsx.length);
    case "bytes": {
      const out = Buffer.from(xlsx);
      Buffer.from(m.bytes).copy(out, m.at % out.length);
      return out;
    }
    default: {
      const entries = readZipEntries(xlsx);
      if (m.kind === "reorder") {
        let s = m.seed;
        for (let i = entries.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) >>> 0;
          const j = s % (i + 1);
          [entries[i], entries[j]] = [entries[j], entries[i]];
        }
      } else if (m.kind === "splice") {
        const e = entries[m.entry % entries.length];
        const text = e.data.toString("utf8");
        const at = m.at % (text.length + 1);
        e.data = Buffer.from(text.slice(0, at) + m.fragment + text.slice(at + m.cut), "utf8");
      } else if (m.kind === "dropEntry") entries.splice(m.entry % entries.length, 1);
      else if (m.kind === "duplicateEntry") entries.push(entries[m.entry % entries.length]);
      return buildZip(entries);
    }
  }
}

/** One to three mutations applied in turn. */
const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

const BYTE_LEVEL = new Set(["flip", "truncate", "bytes"]);

/** Applies the mutations that rebuild the zip first (they need a readable zip), then those on raw bytes. */
function mutate(xlsx, mutations) {
  const ordered = [...mutations.filter((m) => !BYTE_LEVEL.has(m.kind)), ...mutations.filter((m) => BYTE_LEVEL.has(m.kind))];
  return ordered.reduce((buf, m) => applyMutation(buf, m), xlsx);
}

module.exports = { mutationArb, mutationsArb, applyMutation, mutate, SPLICES };

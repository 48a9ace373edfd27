import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { reportFixture } from "../../helpers/reportFixture";
import { NOW, writePackToTemp, zipParts, type WrittenPack } from "./packHelpers";

/** Every file of a pack, by its path inside the pack's folder. */
function packFiles(pack: WrittenPack): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(pack.dir, p), readFileSync(p));
    }
  };
  walk(pack.dir);
  return out;
}

describe("writeReportPack determinism", () => {
  const packs: WrittenPack[] = [];
  afterAll(() => packs.forEach((p) => rmSync(p.dir, { recursive: true, force: true })));

  it("gives byte-identical files for the same data and time", async () => {
    const a = await writePackToTemp(reportFixture());
    const b = await writePackToTemp(reportFixture());
    packs.push(a, b);
    const fa = packFiles(a);
    const fb = packFiles(b);
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    expect(fa.size).toBe(2 + 27);
    for (const [name, bytes] of fa) expect({ name, same: bytes.equals(fb.get(name)!) }).toEqual({ name, same: true });
  });

  it("changes only the workbook's timestamps when the time differs", async () => {
    const a = await writePackToTemp(reportFixture());
    const b = await writePackToTemp(reportFixture(), new Date(NOW.getTime() + 86_400_000));
    packs.push(a, b);
    const fa = packFiles(a);
    const fb = packFiles(b);
    const differing = [...fa].filter(([name, bytes]) => !bytes.equals(fb.get(name)!)).map(([name]) => name);
    expect(differing).toEqual(["committee-2026-S1.xlsx"]);
    const pa = zipParts(a.files.workbook);
    const pb = zipParts(b.files.workbook);
    const parts = [...pa.keys()].filter((k) => pa.get(k) !== pb.get(k));
    expect(parts).toEqual(["docProps/core.xml"]);
    expect(pb.get("docProps/core.xml")).toContain("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-07-21T15:00:00Z</dcterms:created>");
  });
});

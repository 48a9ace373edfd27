import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadPseudonymKey } from "../../pipeline/src/privacy/pseudonymKey";

// The pseudonymisation key is what links every stored person_id to future submissions: it must exist whole
// before anything is stored with it, and an unusable key file must stop the pipeline rather than be replaced.
describe("the key file", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-key-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is created whole, owner-only, with no temporary file left beside it, and read back as the same key", () => {
    const file = path.join(dir, "config", "pa1325", "pseudonymisation.key");
    const warnings: string[] = [];
    const created = loadPseudonymKey({ PA1325_KEY_FILE: file }, (t) => warnings.push(t.en));
    expect(created).toMatchObject({ source: "file", file, created: true });
    expect(warnings).toEqual([expect.stringContaining("Keep a safe copy")]);
    expect(readdirSync(path.dirname(file))).toEqual(["pseudonymisation.key"]);
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const again = loadPseudonymKey({ PA1325_KEY_FILE: file }, (t) => warnings.push(t.en));
    expect(again).toMatchObject({ created: false, fingerprint: created.fingerprint });
    expect(warnings).toHaveLength(1);
  });

  it("is refused, never silently replaced, when it is empty or cut short", () => {
    const file = path.join(dir, "short", "pseudonymisation.key");
    mkdirSync(path.dirname(file));
    for (const content of ["", "0123abcd\n"]) {
      writeFileSync(file, content);
      expect(() => loadPseudonymKey({ PA1325_KEY_FILE: file }, () => {})).toThrow(expect.objectContaining({ code: "KEY_TOO_SHORT" }));
      expect(readFileSync(file, "utf8")).toBe(content);
    }
  });

  it("that cannot be created stops with the reason and the two other ways to give the key", () => {
    const blocker = path.join(dir, "notes.txt");
    writeFileSync(blocker, "a file where the key's folder would go");
    const file = path.join(blocker, "pa1325", "pseudonymisation.key");
    expect(() => loadPseudonymKey({ PA1325_KEY_FILE: file }, () => {})).toThrow(
      expect.objectContaining({
        code: "KEY_FILE_NOT_CREATED",
        text: {
          es: `no se pudo crear la clave de seudonimización en ${file}: una parte de la ruta es un archivo, no una carpeta. Indique dónde guardarla con PA1325_KEY_FILE (un archivo en una carpeta donde pueda escribir, fuera del proyecto) o dé la clave en PA1325_KEY (32 caracteres o más).`,
          en: `could not create the pseudonymisation key in ${file}: part of the path is a file, not a folder. Say where to keep it with PA1325_KEY_FILE (a file in a folder you can write to, outside the project) or give the key in PA1325_KEY (32 characters or more).`,
        },
      }),
    );
  });

  it("is not created by a dry run", () => {
    const file = path.join(dir, "dry", "pseudonymisation.key");
    expect(loadPseudonymKey({ PA1325_KEY_FILE: file }, () => {}, { create: false }).created).toBe(false);
    expect(() => statSync(path.dirname(file))).toThrow();
  });
});

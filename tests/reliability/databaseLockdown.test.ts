import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, queryRows, type Database, type OpenOptions } from "../../pipeline/src/db/Database";
import { writeParquetTables } from "../../pipeline/src/db/writeParquetTables";

// The pipeline's DuckDB connection is locked down before its first statement (pipeline/src/db/Database.ts):
// whatever SQL ran on it — a bug, or text that somehow reached a statement — could not read or write a file
// other than the database, attach another, install or load an extension, or undo any of that.

const ROOT = path.join(__dirname, "..", "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-lockdown-"));
const outside = path.join(dir, "outside");
const allowed = path.join(dir, "pack");
const secret = path.join(outside, "secret.csv");
beforeAll(() => {
  mkdirSync(outside);
  mkdirSync(allowed);
  writeFileSync(secret, "service_number,name\n40123456,Canary\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Statements that reach outside the database; each must fail on a locked-down connection. */
const ESCAPES: Array<[string, string]> = [
  ["read_csv", `SELECT * FROM read_csv(${q(secret)})`],
  ["read_csv_auto", `SELECT * FROM read_csv_auto(${q(secret)})`],
  ["a file named in FROM (replacement scan)", `SELECT * FROM ${q(secret)}`],
  ["read_text", `SELECT * FROM read_text(${q(secret)})`],
  ["read_blob", `SELECT * FROM read_blob(${q(secret)})`],
  ["read_json", `SELECT * FROM read_json(${q(secret)})`],
  ["read_parquet", `SELECT * FROM read_parquet(${q(secret)})`],
  ["glob", `SELECT * FROM glob(${q(path.join(outside, "*"))})`],
  ["COPY … FROM", `COPY settings FROM ${q(secret)}`],
  ["COPY … TO", `COPY (SELECT 1 AS x) TO ${q(path.join(outside, "written.csv"))}`],
  ["COPY … TO parquet", `COPY (SELECT 1 AS x) TO ${q(path.join(outside, "written.parquet"))} (FORMAT parquet)`],
  ["EXPORT DATABASE", `EXPORT DATABASE ${q(path.join(outside, "export"))}`],
  ["ATTACH a database file", `ATTACH ${q(path.join(outside, "other.duckdb"))} AS other`],
  ["INSTALL", "INSTALL httpfs"],
  ["LOAD an extension by name", "LOAD httpfs"],
  ["LOAD an extension file", `LOAD ${q(path.join(outside, "evil.duckdb_extension"))}`],
  ["CREATE SECRET (persistent secrets live in files)", "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')"],
];

/** Settings that would undo the lockdown; each change must be refused. */
const UNLOCKS: string[] = [
  "SET enable_external_access = true",
  "RESET enable_external_access",
  "SET lock_configuration = false",
  "SET allowed_directories = ['/']",
  "SET allowed_paths = ['/etc/passwd']",
  "SET autoinstall_known_extensions = true",
  "SET autoload_known_extensions = true",
  "SET allow_community_extensions = true",
  "SET allow_unsigned_extensions = true",
  "SET temp_directory = '/tmp'",
];

const MODES: Array<[string, OpenOptions]> = [
  ["read-write", {}],
  ["read-only", { readOnly: true }],
  ["read-write with the pack's folder allowed", { allowedDirectories: [allowed] }],
];

describe.each(MODES)("openDatabase (%s)", (_mode, options) => {
  let db: Database;
  const file = path.join(dir, `lockdown-${Object.keys(options).join("-") || "rw"}.duckdb`);
  beforeAll(async () => {
    if (!existsSync(file)) {
      const w = await openDatabase(file);
      await w.connection.run("CREATE TABLE settings (key VARCHAR, value VARCHAR)");
      w.close();
    }
    db = await openDatabase(file, options);
  });
  afterAll(() => db.close());

  it.each(ESCAPES)("refuses %s", async (_what, sql) => {
    await expect(db.connection.run(sql)).rejects.toThrow(/^Permission Error: .* disabled (by|through) configuration/);
  });

  it.each(UNLOCKS)("refuses to run %s", async (sql) => {
    await expect(db.connection.run(sql)).rejects.toThrow(/^Invalid Input Error: Cannot change configuration option "\w+" - the configuration has been locked$/);
  });

  it("reports the locked settings, and left nothing outside the database", async () => {
    const [settings] = await queryRows(
      db,
      `SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked,
              current_setting('autoinstall_known_extensions') AS autoinstall, current_setting('autoload_known_extensions') AS autoload`,
    );
    expect(settings).toEqual({ external: false, locked: true, autoinstall: false, autoload: false });
    expect(readdirSync(outside)).toEqual(["secret.csv"]);
  });
});

describe("the pack's folder, when allowed", () => {
  it("is the only place the connection can write: not beside it, not above it, not through a link", async () => {
    mkdirSync(`${allowed}-sibling`, { recursive: true });
    symlinkSync(outside, path.join(allowed, "link"));
    const db = await openDatabase(path.join(dir, "allowed.duckdb"), { allowedDirectories: [allowed] });
    try {
      await db.connection.run(`COPY (SELECT 1 AS x) TO ${q(path.join(allowed, "inside.csv"))}`);
      expect(readFileSync(path.join(allowed, "inside.csv"), "utf8")).toBe("x\n1\n");
      for (const target of [path.join(`${allowed}-sibling`, "x.csv"), path.join(allowed, "..", "outside", "x.csv"), path.join(allowed, "link", "x.csv"), path.join(outside, "x.csv")]) {
        await expect(db.connection.run(`COPY (SELECT 1 AS x) TO ${q(target)}`)).rejects.toThrow(/Permission Error/);
      }
    } finally {
      db.close();
    }
    expect(readdirSync(outside)).toEqual(["secret.csv"]);
    expect(readdirSync(`${allowed}-sibling`)).toEqual([]);
  });

  it("bounds the pack's Parquet writer too: a target outside its folder is refused before any SQL", async () => {
    const table = { name: "t", columns: [{ name: "a", type: "VARCHAR" as const, meaning: "" }], rows: [["x"]] };
    await expect(writeParquetTables(allowed, [{ table, file: path.join(outside, "t.parquet"), metadata: new Map() }])).rejects.toThrow(/is outside/);
    expect(readdirSync(outside)).toEqual(["secret.csv"]);
  });
});

describe("DuckDB's own file readers never see untrusted bytes (static, over pipeline/src)", () => {
  const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? files(path.join(d, f)) : [path.join(d, f)]));
  const sources = files(path.join(ROOT, "pipeline", "src"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ file: path.relative(ROOT, f).split(path.sep).join("/"), text: readFileSync(f, "utf8") }));
  // Code only: comments may name these words.
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const READERS = /\b(read_csv(_auto)?|read_json(_auto|_objects)?|read_ndjson\w*|read_parquet|parquet_scan|parquet_\w+|read_text|read_blob|read_xlsx|sniff_csv|glob)\s*\(|\bATTACH\b|\bCOPY\b[^`]*\bFROM\b|\b(IMPORT|EXPORT) DATABASE\b|\bINSTALL\s+\w|\bLOAD\s+['"\w]|\bFROM\s+'/;

  it("uses no file reader, ATTACH, COPY … FROM or extension anywhere but where it reads back what it wrote itself", () => {
    const hits = sources.filter((s) => READERS.test(code(s.text))).map((s) => s.file);
    // readParquetFile reads back a file the pack itself wrote (tests use it), in its own locked-down instance;
    // compareWithWorkbooks attaches the database `check --against` has just made from the workbooks by ingesting them.
    expect(hits.sort()).toEqual(["pipeline/src/db/compareWithWorkbooks.ts", "pipeline/src/db/readParquetFile.ts"]);
  });

  it("locks down every DuckDB instance it creates before its first statement", () => {
    const creators = sources.filter((s) => /DuckDBInstance\.create\(/.test(s.text));
    expect(creators.map((s) => s.file).sort()).toEqual(["pipeline/src/db/Database.ts", "pipeline/src/db/readParquetFile.ts", "pipeline/src/db/writeParquetTables.ts"]);
    for (const s of creators) {
      const text = code(s.text);
      expect({ file: s.file, autoinstall: /autoinstall_known_extensions: "false"/.test(text), autoload: /autoload_known_extensions: "false"/.test(text) }).toEqual({ file: s.file, autoinstall: true, autoload: true });
      const external = text.indexOf('SET enable_external_access = false"');
      const locked = text.indexOf('SET lock_configuration = true"');
      const firstOther = text.search(/\.(runAndReadAll|createAppender|prepare)\(/);
      expect({ file: s.file, external: external > 0, locked: locked > external }).toEqual({ file: s.file, external: true, locked: true });
      if (firstOther >= 0) expect({ file: s.file, lockedBeforeUse: locked < firstOther }).toEqual({ file: s.file, lockedBeforeUse: true });
    }
  });

  it("keeps DuckDB behind pipeline/src/db (the only folder that imports it)", () => {
    const importers = sources.filter((s) => /from "@duckdb\/node-api"/.test(s.text)).map((s) => s.file);
    expect(importers.every((f) => f.startsWith("pipeline/src/db/"))).toBe(true);
  });
});

describe("one database file, one open instance per thread", () => {
  // DuckDB's lock is a POSIX fcntl lock: two instances of one file in one process would lose it when either closes.
  it("refuses to open a file this thread already has open, and opens it again once closed", async () => {
    const file = path.join(dir, "once.duckdb");
    const first = await openDatabase(file);
    try {
      await expect(openDatabase(file)).rejects.toThrow(/already open in this thread/);
      await expect(openDatabase(path.join(dir, ".", "once.duckdb"), { readOnly: true })).rejects.toThrow(/already open in this thread/);
      const link = path.join(dir, "once-link.duckdb");
      symlinkSync(file, link);
      await expect(openDatabase(link)).rejects.toThrow(/already open in this thread/);
      const other = await openDatabase(path.join(dir, "other.duckdb"));
      other.close();
    } finally {
      first.close();
    }
    const again = await openDatabase(file, { readOnly: true });
    expect(await queryRows(again, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    again.close();
  });
});

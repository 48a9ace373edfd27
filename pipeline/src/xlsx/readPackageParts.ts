import { forbiddenContentType, forbiddenPartName, forbiddenRelationship } from "./checkPartNames";
import { ContentTypesHandler, RelationshipsHandler, WorkbookPartHandler, type Relationship } from "./PackageHandlers";
import type { ReadContext } from "./ReadContext";
import { SharedStringsHandler } from "./SharedStringsHandler";
import type { SheetGrid, SheetState, WorkbookData } from "./WorkbookData";
import { WorkbookRejected } from "./WorkbookRejected";
import { WorksheetHandler } from "./WorksheetHandler";
import type { XmlHandler } from "./XmlScanner";
import { XmlPartSink } from "./XmlPartSink";
import type { ZipPackage } from "./ZipPackage";

const SPREADSHEET_MAIN = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]);

type FinishingHandler = XmlHandler & { finish?(): void };

interface SheetPlan {
  name: string;
  state: SheetState;
  /** Lower-case part name of a worksheet; undefined for a chart or dialog sheet (no cells). */
  part: string | undefined;
}

/**
 * Reads an opened package in an order that puts every check before any cell is read: part names, content
 * types, relationships, the workbook, then every other part (inflated once, counted, checked for DTDs), then
 * the shared strings, then the sheets. Each part is inflated exactly once.
 */
export async function readPackageParts(pkg: ZipPackage, ctx: ReadContext): Promise<WorkbookData> {
  for (const e of pkg.entries.values()) {
    const code = forbiddenPartName(e.name);
    if (code) throw new WorkbookRejected(code, { part: e.name });
  }
  const done = new Set<string>();
  const read = async (name: string, handler?: FinishingHandler): Promise<void> => {
    const entry = pkg.get(name);
    if (!entry) throw new WorkbookRejected("NOT_A_WORKBOOK", { part: name, detail: "missing part" });
    done.add(name.toLowerCase());
    const sink = new XmlPartSink(entry.name, handler);
    await pkg.readPart(entry, sink.write);
    sink.end();
    handler?.finish?.();
  };
  const readRelationships = async (name: string): Promise<Relationship[]> => {
    const handler = new RelationshipsHandler(name);
    await read(name, handler);
    for (const r of handler.relationships) {
      const code = forbiddenRelationship(r.type);
      if (code) throw new WorkbookRejected(code, { part: name, detail: r.type });
    }
    return handler.relationships;
  };

  const types = new ContentTypesHandler("[Content_Types].xml");
  await read("[Content_Types].xml", types);
  for (const t of types.all()) {
    const code = forbiddenContentType(t);
    if (code) throw new WorkbookRejected(code, { part: "[Content_Types].xml", detail: t });
  }

  const office = (await readRelationships("_rels/.rels")).find((r) => lastSegment(r.type) === "officedocument" && !r.external);
  if (!office) throw new WorkbookRejected("NOT_A_WORKBOOK", { part: "_rels/.rels", detail: "no officeDocument relationship" });
  const workbookPart = resolveTarget("", office.target, "_rels/.rels");
  const mainType = types.typeOf(workbookPart) ?? "";
  if (!SPREADSHEET_MAIN.has(mainType.toLowerCase())) throw new WorkbookRejected("NOT_A_WORKBOOK", { part: workbookPart, detail: `content type ${mainType}` });

  const workbook = new WorkbookPartHandler(workbookPart);
  await read(workbookPart, workbook);
  if (workbook.externalReferences > 0) throw new WorkbookRejected("EXTERNAL_LINK", { part: workbookPart });
  const relsName = relationshipsPartOf(workbookPart);
  const rels = pkg.get(relsName) ? await readRelationships(relsName) : [];
  const base = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
  const byId = new Map(rels.map((r) => [r.id, r]));

  const plans = planSheets(workbook, byId, base, relsName, pkg);
  const sharedRel = rels.find((r) => lastSegment(r.type) === "sharedstrings" && !r.external);
  const sharedPart = sharedRel ? resolveTarget(base, sharedRel.target, relsName) : undefined;
  const later = new Set(plans.map((p) => p.part).filter((p) => p !== undefined));
  if (sharedPart) later.add(sharedPart.toLowerCase());

  for (const [key, e] of pkg.entries) {
    if (done.has(key) || later.has(key) || e.name.endsWith("/")) continue;
    if (key.endsWith(".rels")) await readRelationships(e.name);
    else if (isXmlPart(key, types)) await read(e.name);
    else {
      done.add(key);
      await pkg.readPart(e, () => {});
    }
  }

  if (sharedPart && pkg.get(sharedPart)) await read(sharedPart, new SharedStringsHandler(ctx, sharedPart));

  const sheets = new Map<string, SheetGrid>();
  const sheetStates = new Map<string, SheetState>();
  for (const plan of plans) {
    let grid: SheetGrid = { values: [], formulas: [] };
    if (plan.part !== undefined) {
      const entry = pkg.get(plan.part)!;
      const handler = new WorksheetHandler(ctx, plan.name, entry.name);
      await read(entry.name, handler);
      grid = handler.grid;
    }
    sheets.set(plan.name, grid);
    sheetStates.set(plan.name, plan.state);
  }
  return {
    sheets,
    sheetNames: plans.map((p) => p.name),
    sheetStates,
    date1904: workbook.date1904,
    stats: { entries: pkg.entries.size, inflatedBytes: pkg.inflatedBytes, cells: ctx.cells },
  };
}

function planSheets(workbook: WorkbookPartHandler, byId: Map<string, Relationship>, base: string, relsName: string, pkg: ZipPackage): SheetPlan[] {
  const seen = new Set<string>();
  return workbook.sheets.map((s) => {
    // Excel compares sheet names without regard to case.
    const folded = s.name.toLowerCase();
    if (seen.has(folded)) throw new WorkbookRejected("DUPLICATE_SHEET", { params: { sheet: s.name } });
    seen.add(folded);
    const rel = byId.get(s.relationshipId);
    if (!rel || rel.external) throw new WorkbookRejected("NOT_A_WORKBOOK", { part: relsName, detail: `no relationship for sheet ${JSON.stringify(s.name)}` });
    const kind = lastSegment(rel.type);
    if (kind === "chartsheet" || kind === "dialogsheet") return { name: s.name, state: s.state, part: undefined };
    if (kind !== "worksheet") throw new WorkbookRejected("NOT_A_WORKBOOK", { part: relsName, detail: `sheet ${JSON.stringify(s.name)} is a ${kind}` });
    const part = resolveTarget(base, rel.target, relsName);
    if (!pkg.get(part)) throw new WorkbookRejected("NOT_A_WORKBOOK", { part, detail: "missing worksheet" });
    return { name: s.name, state: s.state, part: part.toLowerCase() };
  });
}

function lastSegment(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1).toLowerCase();
}

/** "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels" (OPC's naming of a part's relationships). */
function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to the source part's folder or absolute from the package root. */
export function resolveTarget(base: string, target: string, part: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.split("#")[0]!);
  } catch {
    throw new WorkbookRejected("NOT_A_WORKBOOK", { part, detail: `bad target ${JSON.stringify(target.slice(0, 100))}` });
  }
  const path = decoded.startsWith("/") ? decoded.slice(1) : base + decoded;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) throw new WorkbookRejected("NOT_A_WORKBOOK", { part, detail: `target outside the package ${JSON.stringify(target.slice(0, 100))}` });
      out.pop();
    } else out.push(segment);
  }
  return out.join("/");
}

function isXmlPart(key: string, types: ContentTypesHandler): boolean {
  if (key.endsWith(".xml") || key.endsWith(".vml") || key === "[content_types].xml") return true;
  const t = types.typeOf(key);
  return t !== undefined && /xml/i.test(t);
}

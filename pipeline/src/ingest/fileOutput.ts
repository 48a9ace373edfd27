import path from "node:path";
import type { Language } from "../../../core/src/i18n/Language";
import { deliverableStatusLabel, deliverableStatusOf } from "./describeValueKey";
import type { FileResult, ValueChange } from "./IngestResult";

/**
 * What `pa1325 ingest` prints for each file, as text or as its `--json` object. Made in the ingest's own thread
 * (ingestWorker), which sends the command only the text to print: formatting 90,000 results in the command's main
 * thread, whose young generation no resource limit caps, grew it from 4 to 15 MB for the rest of the run
 * (bench/README.md, sixteenth session).
 */
export type FileOutputFormat = "text" | "json";

/** The text printed for one file: its lines (text), or its object indented as a member of the "files" array (json). */
export function formatFileResult(r: FileResult, format: FileOutputFormat, lang: Language): string {
  return format === "json" ? indent(JSON.stringify(fileJson(r, lang), null, 2), 4) : describeFile(r, lang).join("\n");
}

/** Issues listed under a refused file before "and N more". */
const SHOWN_ISSUES = 12;

export function describeFile(r: FileResult, lang: Language): string[] {
  const name = path.basename(r.file);
  const es = lang === "es";
  switch (r.status) {
    case "accepted":
    case "replaced": {
      const warnings = r.issues.filter((i) => i.severity === "warning").length;
      const changed = changeLines(r.changes, lang);
      const head =
        r.status === "accepted"
          ? es
            ? `aceptado     ${name}: ${r.institution} ${r.period} versión ${r.version}; ${count(r.values, "valor", "valores")}, ${r.roster} en el registro, ${warnings} aviso(s)`
            : `accepted     ${name}: ${r.institution} ${r.period} version ${r.version}; ${count(r.values, "value", "values")}, ${r.roster} on the roster, ${warnings} warning(s)`
          : es
            ? `reemplazado  ${name}: ${r.institution} ${r.period} versión ${r.version} reemplaza a la ${r.replacedVersion}; ${changed.length} valor(es) cambiado(s), ${warnings} aviso(s)`
            : `replaced     ${name}: ${r.institution} ${r.period} version ${r.version} replaces ${r.replacedVersion}; ${changed.length} value(s) changed, ${warnings} warning(s)`;
      const warningLines = r.issues
        .filter((i) => i.severity === "warning")
        .slice(0, SHOWN_ISSUES)
        .map((i) => `    ${i.sheet ? `${i.sheet}!${i.cell}` : ""} ${i.code}: ${i.message[lang]}`);
      const changes = changed.slice(0, SHOWN_ISSUES).map((line) => `    ${line}`);
      const more = changed.length > SHOWN_ISSUES ? [es ? `    … y ${changed.length - SHOWN_ISSUES} cambio(s) más (vea --json)` : `    … and ${changed.length - SHOWN_ISSUES} more change(s) (see --json)`] : [];
      return [head, ...changes, ...more, ...warningLines];
    }
    case "unchanged":
      return [
        es
          ? `sin cambios  ${name}: ya estaba cargado (${r.institution} ${r.period} versión ${r.version}, envío ${r.submissionId})`
          : `unchanged    ${name}: already loaded (${r.institution} ${r.period} version ${r.version}, submission ${r.submissionId})`,
      ];
    case "rejected": {
      const head = es ? `RECHAZADO    ${name}: ${r.reason.message.es}` : `REFUSED      ${name}: ${r.reason.message.en}`;
      const errors = r.issues.filter((i) => i.severity === "error");
      const listed = errors.length > 1 || (errors.length === 1 && errors[0]!.code !== r.reason.code) ? errors : [];
      const lines = listed.slice(0, SHOWN_ISSUES).map((i) => `    ${i.sheet ? `${i.sheet}!${i.cell}` : i.cell ?? ""} ${i.code}: ${i.message[lang]}`);
      const more = listed.length > SHOWN_ISSUES ? [es ? `    … y ${listed.length - SHOWN_ISSUES} problema(s) más (vea --json o la tabla ingest_issues)` : `    … and ${listed.length - SHOWN_ISSUES} more problem(s) (see --json or the ingest_issues table)`] : [];
      return [head, ...lines, ...more];
    }
  }
}

/**
 * What a resubmission changed, one line each, in words: "E19 PREV-2.1 · Oficiales · Mujeres: 5 → 7". A
 * deliverable whose status changed is stored as one status gone and another new (two changes in `--json`); it is
 * one line here: "E5 PREV-3.1 · estado: En elaboración → Aprobado".
 */
export function changeLines(changes: readonly ValueChange[], lang: Language): string[] {
  const lines: string[] = [];
  const statuses = new Map<string, { cell: string | null; before?: string; after?: string; line: number }>();
  for (const c of changes) {
    const deliverable = deliverableStatusOf(c.key);
    if (!deliverable) {
      lines.push(`${c.cell ?? ""} ${c.label[lang]}: ${c.before ?? "—"} → ${c.after ?? "—"}`);
      continue;
    }
    let entry = statuses.get(deliverable.indicator);
    if (!entry) statuses.set(deliverable.indicator, (entry = { cell: c.cell, line: lines.push("") - 1 }));
    const label = deliverableStatusLabel(deliverable.status)[lang];
    if (c.after === null) entry.before = label;
    else entry.after = label;
  }
  for (const [indicator, e] of statuses) {
    lines[e.line] = `${e.cell ?? ""} ${indicator} · ${lang === "es" ? "estado" : "status"}: ${e.before ?? "—"} → ${e.after ?? "—"}`;
  }
  return lines;
}

/** "1 valor", "14 valores": a count with its noun in the right number. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function fileJson(r: FileResult, lang: Language) {
  return {
    file: r.file,
    status: r.status,
    sha256: r.sha256,
    submissionId: r.status === "rejected" ? null : r.submissionId,
    institution: r.status === "rejected" ? null : r.institution,
    period: r.status === "rejected" ? null : r.period,
    version: r.status === "rejected" ? null : r.version,
    replacedVersion: r.status === "replaced" ? r.replacedVersion : null,
    reason: r.status === "rejected" ? { code: r.reason.code, message: r.reason.message[lang] } : null,
    changes: r.status === "accepted" || r.status === "replaced" ? r.changes.map((c) => ({ key: c.key, label: c.label[lang], cell: c.cell, before: c.before, after: c.after })) : [],
    issues: r.issues.map((i) => ({ code: i.code, severity: i.severity, sheet: i.sheet, cell: i.cell, indicator: i.indicator, message: i.message[lang] })),
  };
}

/** `text` with every line indented by `spaces`, in one pass (not an array of lines per file). */
function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

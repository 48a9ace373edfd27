import { WorkbookRejected, type XlsxRejectionCode } from "./WorkbookRejected";

/**
 * A zip entry's name, refused when it could point outside a folder it is extracted to (zip slip) or mean
 * different things to different readers: "..", a leading "/", a backslash, a drive letter, control characters.
 */
export function checkEntryName(raw: Buffer, utf8: boolean): string {
  // Names without the UTF-8 flag are CP437; the characters that matter here are ASCII either way.
  const name = raw.toString(utf8 ? "utf8" : "latin1");
  const unsafe =
    name.length === 0 ||
    name.length > 1024 ||
    hasControlOrBackslash(name) ||
    name.startsWith("/") ||
    /^[A-Za-z]:/.test(name) ||
    name.split("/").some((segment) => segment === ".." || segment === ".");
  if (unsafe) throw new WorkbookRejected("UNSAFE_ENTRY_NAME", { part: JSON.stringify(name.slice(0, 200)) });
  return name;
}

function hasControlOrBackslash(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c === 0x5c) return true;
  }
  return false;
}

/** Parts that only a workbook with macros, external links or embedded objects has (ECMA-376 Part 1, 12.3). */
export function forbiddenPartName(name: string): XlsxRejectionCode | undefined {
  const n = name.toLowerCase();
  if (n.endsWith("vbaproject.bin") || n.endsWith("vbaprojectsignature.bin") || n.endsWith("attachedtoolbars.bin") || n.startsWith("xl/macrosheets/")) return "MACRO_ENABLED";
  if (n.startsWith("xl/externallinks/") || n === "xl/connections.xml") return "EXTERNAL_LINK";
  if (n.startsWith("xl/embeddings/") || n.startsWith("xl/activex/") || n.includes("oleobject")) return "EMBEDDED_OBJECT";
  return undefined;
}

const EMBEDDED_PACKAGE_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel.sheet.macroenabled.12",
]);

/** Content types declared in [Content_Types].xml that betray macros, links or embedded objects. */
export function forbiddenContentType(contentType: string): XlsxRejectionCode | undefined {
  const t = contentType.toLowerCase();
  if (t.includes("macroenabled") || t.includes("vbaproject") || t.includes("macrosheet")) return "MACRO_ENABLED";
  if (t.includes("externallink") || t.includes("spreadsheetml.connections")) return "EXTERNAL_LINK";
  if (t.includes("oleobject") || t.includes("activex") || EMBEDDED_PACKAGE_TYPES.has(t)) return "EMBEDDED_OBJECT";
  return undefined;
}

/** Relationship types (the last segment of the Type URI, transitional or strict) that are refused anywhere. */
const FORBIDDEN_RELATIONSHIPS = new Map<string, XlsxRejectionCode>([
  ["vbaproject", "MACRO_ENABLED"],
  ["attachedtoolbars", "MACRO_ENABLED"],
  ["xlmacrosheet", "MACRO_ENABLED"],
  ["xlintlmacrosheet", "MACRO_ENABLED"],
  ["externallink", "EXTERNAL_LINK"],
  ["externallinkpath", "EXTERNAL_LINK"],
  ["connections", "EXTERNAL_LINK"],
  ["oleobject", "EMBEDDED_OBJECT"],
  ["package", "EMBEDDED_OBJECT"],
  ["control", "EMBEDDED_OBJECT"],
  ["activexcontrolbinary", "EMBEDDED_OBJECT"],
]);

export function forbiddenRelationship(type: string): XlsxRejectionCode | undefined {
  const last = type.slice(type.lastIndexOf("/") + 1).toLowerCase();
  return FORBIDDEN_RELATIONSHIPS.get(last);
}

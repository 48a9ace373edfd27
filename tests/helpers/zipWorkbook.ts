import { buildZip, type ZipEntrySpec } from "./zipWriter";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface HandSheet {
  name: string;
  /** The worksheet part's XML, or just the <sheetData> content (wrapped for you). */
  xml?: string;
  rows?: string;
  state?: "visible" | "hidden" | "veryHidden";
}

export interface HandWorkbookOptions {
  sheets: HandSheet[];
  /** The <sst> part's XML, or its <si> items (wrapped for you). */
  sharedStrings?: string;
  date1904?: boolean;
  /** Extra entries (macros, links, embeddings…) and extra content-type or relationship lines. */
  extraEntries?: ZipEntrySpec[];
  extraContentTypes?: string;
  extraWorkbookRels?: string;
  workbookExtra?: string;
  /** Put the sheets before the shared strings in the zip (order must not matter). */
  sheetsFirst?: boolean;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The parts of a minimal valid workbook, as producers write them, for hand-built cases. */
export function handWorkbookEntries(o: HandWorkbookOptions): ZipEntrySpec[] {
  const sheetParts = o.sheets.map((s, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: s.xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.rows ?? ""}</sheetData></worksheet>`,
  }));
  const sst =
    o.sharedStrings === undefined
      ? []
      : [{ name: "xl/sharedStrings.xml", data: o.sharedStrings.startsWith("<?xml") ? o.sharedStrings : `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${o.sharedStrings}</sst>` }];
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetParts
    .map((p) => `<Override PartName="/${p.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("")}${o.extraContentTypes ?? ""}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${o.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${o.sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
    .join("")}</sheets>${o.workbookExtra ?? ""}</workbook>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetParts
    .map((p, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${p.name.slice(3)}"/>`)
    .join("")}${sst.length ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}${o.extraWorkbookRels ?? ""}</Relationships>`;
  const head = [
    { name: "[Content_Types].xml", data: types },
    { name: "_rels/.rels", data: rootRels },
    { name: "xl/workbook.xml", data: workbook },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels },
  ];
  const body = o.sheetsFirst ? [...sheetParts, ...sst] : [...sst, ...sheetParts];
  return [...head, ...body, ...(o.extraEntries ?? [])];
}

export function handWorkbook(o: HandWorkbookOptions): Buffer {
  return buildZip(handWorkbookEntries(o));
}

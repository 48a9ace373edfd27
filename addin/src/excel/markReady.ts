import type { Catalog } from "../../../core/src/catalog/Catalog";
import { parseCellAddress } from "../../../core/src/layout/cellAddress";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../../core/src/validation/contentDigestText";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import { hasErrors } from "../../../core/src/validation/ValidationIssue";
import { AddinError } from "../workbook/AddinError";
import { sha256Hex } from "../workbook/sha256Hex";
import type { ReadyResult } from "../workbook/WorkbookPort";
import { readEntries, withCell, writeMeta } from "./checkEntries";
import type { ExcelHost } from "./ExcelHost";
import { writeWithEventsOff } from "./writeWithEventsOff";

/**
 * "Ready to submit": checks the workbook once more and, only if no error is left, writes the preparer's name on the
 * cover and stamps the metadata with the time, the name and the SHA-256 of the content. Three round trips.
 */
export function markReady(host: ExcelHost, catalog: Catalog, layout: TemplateLayout, preparedBy: string, now: Date): Promise<ReadyResult> {
  const name = preparedBy.trim();
  if (name === "") return Promise.reject(new AddinError("PREPARER_REQUIRED"));
  return host.run(async (context) => {
    const snapshot = await readEntries(context, layout);
    const at = parseCellAddress(layout.preparedByCell.cell)!;
    const grids = withCell(snapshot.grids, layout.preparedByCell.sheet, at.row, at.column, name);
    const parsed = parseEntries(catalog, layout, grids);
    if (hasErrors(parsed.issues)) return { ok: false, parsed };
    const contentHash = await sha256Hex(buildContentDigestText(layout, grids));
    const readyAt = now.toISOString();
    await writeWithEventsOff(context, () => {
      context.workbook.worksheets.getItem(layout.preparedByCell.sheet).getRange(layout.preparedByCell.cell).values = [[name]];
      writeMeta(context, layout, { preparedBy: name, readyAt, contentHash });
    });
    return { ok: true, readyAt, contentHash, parsed };
  });
}

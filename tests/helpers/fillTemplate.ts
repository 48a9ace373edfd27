import type { TemplateLayout } from "../../core/src/layout/TemplateLayout";
import { DELIVERABLE_STATUS_LABELS } from "../../core/src/layout/deliverableStatus";
import { GridBuilder } from "./GridBuilder";

/** A template with every indicator reported as 0 and every deliverable "not started": valid and complete. */
export function zeroFilledGrid(layout: TemplateLayout): GridBuilder {
  const g = GridBuilder.fromLayout(layout);
  const indicators = layout.sheets.find((s) => s.role === "indicators")!.name;
  for (const row of layout.indicatorRows) {
    if (row.people) {
      g.set(indicators, row.women!, 0);
      g.set(indicators, row.men!, 0);
    } else g.set(indicators, row.total, 0);
  }
  const deliverables = layout.sheets.find((s) => s.role === "deliverables");
  for (const row of layout.deliverableRows) {
    g.set(deliverables!.name, row.status, DELIVERABLE_STATUS_LABELS.NOT_STARTED[layout.language]);
    g.set(deliverables!.name, row.progress, 0);
  }
  return g;
}

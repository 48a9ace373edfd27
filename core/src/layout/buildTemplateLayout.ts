import type { Catalog } from "../catalog/Catalog";
import { findInstitution, indicatorsForInstitution } from "../catalog/catalogQueries";
import type { Language } from "../i18n/Language";
import { formatSemester, previousSemester, requireSemester, semesterLabel } from "../period/Semester";
import { buildCoverSheet, buildMetaSheet } from "./buildCoverAndMetaSheets";
import { buildDeliverablesSheet, DELIVERABLE_HEADER_ROW } from "./buildDeliverablesSheet";
import { buildIndicatorsSheet, INDICATOR_HEADER_ROW } from "./buildIndicatorsSheet";
import { buildRosterSheet, rosterRange } from "./buildRosterSheet";
import { cellAddress } from "./cellAddress";
import { LAYOUT_VERSION, TEMPLATE_SCHEMA, type SheetSpec, type TemplateLayout } from "./TemplateLayout";

export interface TemplateLayoutOptions {
  /** Last semester's values by row key, shown beside each row and used to warn of large changes. */
  previous?: Readonly<Record<string, number>>;
  /** Who wrote the file ("pa1325 template", "PA1325 add-in") and when (ISO time), for the metadata block. */
  generatedBy?: string;
  generatedAt?: string;
}

/**
 * The entry workbook for one institution and semester: only the indicators it is responsible for, one row
 * per indicator and breakdown, a roster when it reports people trained or deployed, and the metadata that
 * identifies the file. Pure: the same arguments always give the same layout.
 */
export function buildTemplateLayout(
  catalog: Catalog,
  institutionCode: string,
  period: string,
  language: Language,
  options: TemplateLayoutOptions = {},
): TemplateLayout {
  const institution = findInstitution(catalog, institutionCode);
  if (!institution) throw new RangeError(`unknown institution ${institutionCode}`);
  if (!institution.reports) throw new RangeError(`${institutionCode} does not report on the Action Plan`);
  const semester = requireSemester(period);
  const own = indicatorsForInstitution(catalog, institution.code);
  const entered = own.filter((x) => x.indicator.source !== "deployments");
  const numeric = entered.filter((x) => x.indicator.measure !== "status");
  const deliverables = entered.filter((x) => x.indicator.measure === "status");
  const central = own.filter((x) => x.indicator.source === "deployments");
  const hasRoster = entered.some((x) => x.indicator.source === "roster");

  const title = (sheetTitle: string) =>
    `${sheetTitle} — ${institution.name[language]} — ${semesterLabel(semester, language)}`;
  const cover = buildCoverSheet(catalog, institution, semester, language, central);
  const indicators = buildIndicatorsSheet(
    catalog,
    numeric,
    language,
    title(language === "es" ? "Indicadores" : "Indicators"),
    formatSemester(previousSemester(semester)),
    options.previous ?? {},
  );
  const sheets: SheetSpec[] = [cover.sheet, indicators.sheet];
  const names: TemplateLayout["names"] = [
    { name: "PA1325_PREPARED_BY", sheet: cover.sheet.name, range: cover.preparedByCell },
    {
      name: "PA1325_INDICATORS",
      sheet: indicators.sheet.name,
      range: `${cellAddress(INDICATOR_HEADER_ROW, 0)}:${cellAddress(indicators.lastRow, 9)}`,
    },
  ];

  let deliverableRows: TemplateLayout["deliverableRows"] = [];
  if (deliverables.length > 0) {
    const d = buildDeliverablesSheet(deliverables, language, title(language === "es" ? "Entregables" : "Deliverables"));
    sheets.push(d.sheet);
    deliverableRows = d.rows;
    names.push({ name: "PA1325_DELIVERABLES", sheet: d.sheet.name, range: `${cellAddress(DELIVERABLE_HEADER_ROW, 0)}:${cellAddress(d.lastRow, 7)}` });
  }
  let roster: TemplateLayout["roster"];
  if (hasRoster) {
    const r = buildRosterSheet(catalog, language, title(language === "es" ? "Registro" : "Roster"));
    sheets.push(r.sheet);
    roster = r.roster;
    names.push({ name: "PA1325_ROSTER", sheet: r.sheet.name, range: rosterRange(r.roster) });
  }

  const meta = buildMetaSheet({
    schema: TEMPLATE_SCHEMA,
    layoutVersion: LAYOUT_VERSION,
    catalogId: catalog.catalogId,
    catalogVersion: catalog.version,
    institution: institution.code,
    period: formatSemester(semester),
    language,
    generatedBy: options.generatedBy ?? "",
    generatedAt: options.generatedAt ?? "",
  });
  sheets.push(meta.sheet);
  names.push({ name: "PA1325_META", sheet: meta.sheet.name, range: `A1:B${meta.sheet.extent.rows}` });

  return {
    layoutVersion: LAYOUT_VERSION,
    catalogId: catalog.catalogId,
    catalogVersion: catalog.version,
    institution: institution.code,
    period: formatSemester(semester),
    language,
    sheets,
    indicatorRows: indicators.rows,
    totalRows: indicators.totals,
    deliverableRows,
    roster,
    centralIndicators: central.map((x) => x.indicator.code),
    metadata: { sheet: meta.sheet.name, cells: meta.cells },
    preparedByCell: { sheet: cover.sheet.name, cell: cover.preparedByCell },
    names,
  };
}

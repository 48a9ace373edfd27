/**
 * PA1325 core: the pure domain shared by the Excel add-in and the pipeline. Nothing here touches Office,
 * DuckDB, the file system or the process: it runs the same in a task pane and in Node.
 */
export * from "./i18n/Language";
export * from "./period/Semester";
export * from "./catalog/Catalog";
export * from "./catalog/CatalogError";
export { parseCatalog } from "./catalog/parseCatalog";
export { compareVersions } from "./catalog/checkCatalogReferences";
export * from "./catalog/catalogQueries";
export * from "./catalog/builtInCatalogs";
export * from "./catalog/diffCatalogs";
export * from "./catalog/mapIndicatorCodes";
export * from "./layout/TemplateLayout";
export * from "./layout/cellAddress";
export * from "./layout/cellStyles";
export * from "./layout/deliverableStatus";
export { buildTemplateLayout, type TemplateLayoutOptions } from "./layout/buildTemplateLayout";
export { rowKey, totalRowKey, deliverableKey } from "./layout/rowKeys";
export { evaluateLayoutFormula } from "./layout/evaluateLayoutFormula";
export * from "./validation/ValidationIssue";
export * from "./validation/WorkbookGrid";
export * from "./validation/ParsedEntries";
export { parseEntries } from "./validation/parseEntries";
export { validateEntries } from "./validation/validateEntries";
export { excelSerialToIso, isoToExcelSerial } from "./validation/cellValues";
export { buildContentDigestText } from "./validation/contentDigestText";
export { rosterRowCounts } from "./validation/checkRosterAgainstReported";

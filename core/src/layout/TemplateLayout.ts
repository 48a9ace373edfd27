import type { Language } from "../i18n/Language";

/**
 * A plain description of the entry workbook. The add-in renders it through Office.js, the pipeline through an
 * xlsx writer, and the pipeline's reader and core's validation read filled workbooks back through it.
 * Documented for other tools in docs/template-format.md: changing it means a new LAYOUT_VERSION.
 */
export const LAYOUT_VERSION = "1";
export const TEMPLATE_SCHEMA = "pa1325-template";
export const META_SHEET_NAME = "pa1325_meta";

export type SheetRole = "cover" | "indicators" | "deliverables" | "roster" | "meta";

export type CellStyle =
  | "title"
  | "subtitle"
  | "text"
  | "hint"
  | "header"
  | "groupHeader"
  | "code"
  | "label"
  | "input"
  | "computed"
  | "total"
  | "previous"
  | "disabled"
  | "meta";

export type NumberFormat = "integer" | "decimal" | "date" | "text" | "general";

export type ValidationRule =
  | { kind: "wholeNumber"; min: number; max: number }
  | { kind: "decimal"; min: number; max: number }
  | { kind: "list"; values: string[] }
  | { kind: "date"; min: string; max: string }
  | { kind: "textLength"; max: number };

export interface CellSpec {
  address: string;
  /** A constant shown in the cell (labels, codes, previous values); absent for empty inputs. */
  value?: string | number;
  /** A formula without the leading "=", e.g. "E7+F7". */
  formula?: string;
  style: CellStyle;
  format: NumberFormat;
  locked: boolean;
}

export interface DataValidationSpec {
  /** A contiguous range on the sheet, e.g. "E7:F12". */
  range: string;
  rule: ValidationRule;
  /** Excel's input message: title at most 32 characters, message at most 255. */
  prompt: { title: string; message: string };
  /** Excel's error alert shown when a value breaks the rule. */
  error: { title: string; message: string };
}

export interface SheetSpec {
  role: SheetRole;
  name: string;
  visibility: "visible" | "veryHidden";
  protect: boolean;
  /** The rectangle from A1 that holds every cell of the layout: what a reader loads. */
  extent: { rows: number; columns: number };
  columns: Array<{ width: number; hidden?: boolean }>;
  freeze?: { rows: number; columns: number };
  cells: CellSpec[];
  validations: DataValidationSpec[];
}

/** One row of the Indicators sheet: an indicator and one combination of its non-sex dimensions. */
export interface IndicatorRowSpec {
  indicator: string;
  /** Dimension values of this row, without sex (sex is laid out as the women and men columns). */
  dims: Record<string, string>;
  key: string;
  keyCell: string;
  people: boolean;
  /** People rows: the women and men input cells. */
  women?: string;
  men?: string;
  /** People rows: the computed women + men cell; other rows: the value input cell. */
  total: string;
  previous: string;
  note: string;
  rule: ValidationRule;
}

/** The computed total row under an indicator with more than one breakdown row. */
export interface TotalRowSpec {
  indicator: string;
  key: string;
  keyCell: string;
  people: boolean;
  women?: string;
  men?: string;
  total: string;
  rows: string[];
}

export interface DeliverableRowSpec {
  indicator: string;
  key: string;
  keyCell: string;
  status: string;
  progress: string;
  date: string;
  reference: string;
  note: string;
}

export type RosterColumn =
  | "serviceNumber"
  | "activity"
  | "courseOrMission"
  | "courseType"
  | "role"
  | "start"
  | "end"
  | "hours"
  | "note";

export interface RosterSpec {
  sheet: string;
  /** Zero-based rows of the first and last entry line. */
  firstRow: number;
  lastRow: number;
  /** Column letters. */
  columns: Record<RosterColumn, string>;
}

export const META_KEYS = [
  "schema",
  "layoutVersion",
  "catalogId",
  "catalogVersion",
  "institution",
  "period",
  "language",
  "generatedBy",
  "generatedAt",
  "preparedBy",
  "readyAt",
  "contentHash",
] as const;
export type MetaKey = (typeof META_KEYS)[number];

export interface TemplateLayout {
  layoutVersion: string;
  catalogId: string;
  catalogVersion: string;
  institution: string;
  period: string;
  language: Language;
  sheets: SheetSpec[];
  indicatorRows: IndicatorRowSpec[];
  totalRows: TotalRowSpec[];
  deliverableRows: DeliverableRowSpec[];
  roster: RosterSpec | undefined;
  /** Indicators of this institution computed centrally (nothing to enter): shown on the cover. */
  centralIndicators: string[];
  metadata: { sheet: string; cells: Record<MetaKey, string> };
  preparedByCell: { sheet: string; cell: string };
  names: Array<{ name: string; sheet: string; range: string }>;
}

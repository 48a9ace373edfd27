import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { Language } from "../../../core/src/i18n/Language";
import type { MetaKey, TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { ParsedEntries } from "../../../core/src/validation/ParsedEntries";
import type { CarryOver } from "./carryOverInputs";

/** What the task pane remembers in the workbook's settings: which report this file is. Nothing personal. */
export interface TemplateChoice {
  institution: string;
  period: string;
}

/** The template already in the workbook, read from its hidden metadata sheet. */
export interface TemplateIdentity {
  institution: string;
  period: string;
  language: Language;
  catalogVersion: string;
  readyAt: string | null;
}

export interface WorkbookState {
  choice: TemplateChoice | undefined;
  template: TemplateIdentity | undefined;
}

/** What inserting a layout would do to this workbook; shown to the user before anything moves. */
export interface TemplatePlan {
  existing: TemplateIdentity | undefined;
  carry: CarryOver;
  /** Sheets of the old template that the new layout no longer has (they would be deleted). */
  sheetsToRemove: string[];
}

export interface CheckResult {
  parsed: ParsedEntries;
  /** True when a change after "Ready to submit" cleared the stamp in this check. */
  stampCleared: boolean;
  readyAt: string | null;
}

export type ReadyResult =
  | { ok: true; readyAt: string; contentHash: string; parsed: ParsedEntries }
  | { ok: false; parsed: ParsedEntries };

export type Unsubscribe = () => Promise<void>;

/**
 * Everything the task pane does to the workbook. The Office.js implementation lives in addin/src/excel/; React
 * components receive these functions as props and never touch Excel (docs/adr/0001-pure-core-and-adapters.md).
 */
export interface WorkbookPort {
  readState(): Promise<WorkbookState>;
  planTemplate(layout: TemplateLayout): Promise<TemplatePlan>;
  insertTemplate(layout: TemplateLayout, choice: TemplateChoice): Promise<TemplatePlan>;
  checkEntries(catalog: Catalog, layout: TemplateLayout): Promise<CheckResult>;
  markReady(catalog: Catalog, layout: TemplateLayout, preparedBy: string, now: Date): Promise<ReadyResult>;
  goToCell(sheet: string, cell: string): Promise<void>;
  watchEntries(layout: TemplateLayout, onChange: () => void): Promise<Unsubscribe>;
}

/** The metadata keys the add-in stamps and clears. */
export const STAMP_KEYS: readonly MetaKey[] = ["preparedBy", "readyAt", "contentHash"];

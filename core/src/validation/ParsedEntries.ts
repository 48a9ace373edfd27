import type { DeliverableStatus } from "../layout/deliverableStatus";
import type { ValidationIssue } from "./ValidationIssue";

/** One reported number: an indicator, its dimension values (with sex for people), and the cell it came from. */
export interface IndicatorValueEntry {
  indicator: string;
  dims: Record<string, string>;
  value: number;
  note: string | null;
  sheet: string;
  cell: string;
}

export interface DeliverableEntry {
  indicator: string;
  status: DeliverableStatus;
  progress: number | null;
  approvalDate: string | null;
  reference: string | null;
  note: string | null;
  sheet: string;
  cell: string;
}

export type RosterActivity = "training" | "deployment";

/** One person listed on the roster. The service number is raw here: the pipeline pseudonymises it before storing. */
export interface RosterEntry {
  sheet: string;
  /** The service-number cell, e.g. "B7". */
  cell: string;
  serviceNumber: string;
  activity: RosterActivity;
  courseOrMission: string;
  mission: string | null;
  courseType: string | null;
  role: string | null;
  start: string;
  end: string | null;
  hours: number | null;
  note: string | null;
}

export type IndicatorState = "empty" | "incomplete" | "complete";

export interface IndicatorProgress {
  indicator: string;
  state: IndicatorState;
  errors: number;
  warnings: number;
}

export interface ParsedEntries {
  values: IndicatorValueEntry[];
  deliverables: DeliverableEntry[];
  roster: RosterEntry[];
  preparedBy: string | null;
  issues: ValidationIssue[];
  progress: IndicatorProgress[];
}

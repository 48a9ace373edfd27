import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { StoredIssue } from "../db/submissionStore";
import type { LinkedFolder, UnreadablePath } from "./collectFiles";

export interface ValueChange {
  /** valueKey's `INDICATOR|dim=value;…`, or `INDICATOR|*status=STATUS` for a deliverable's status. */
  key: string;
  /** The key in words ("PREV-2.1 · Oficiales · Mujeres"): describeValueKey. */
  label: LocalizedText;
  cell: string | null;
  before: number | null;
  after: number | null;
}

interface FileBase {
  file: string;
  sha256: string | null;
}

export type FileResult =
  | (FileBase & {
      status: "accepted" | "replaced";
      submissionId: number;
      institution: string;
      period: string;
      version: number;
      replacedVersion: number | null;
      values: number;
      roster: number;
      changes: ValueChange[];
      issues: StoredIssue[];
    })
  | (FileBase & { status: "unchanged"; submissionId: number; institution: string; period: string; version: number; issues: [] })
  | (FileBase & { status: "rejected"; reason: StoredIssue; issues: StoredIssue[] });

export interface IngestCounts {
  files: number;
  accepted: number;
  replaced: number;
  unchanged: number;
  rejected: number;
}

export interface IngestSummary {
  dryRun: boolean;
  database: string;
  counts: IngestCounts;
  files: FileResult[];
  skipped: string[];
  /** Folders that could not be opened: the workbooks in them, if any, were neither found nor loaded. */
  unreadable: UnreadablePath[];
  /** Links to folders outside those given, not followed: the workbooks in them, if any, were not loaded. */
  linkedFolders: LinkedFolder[];
  /** The .xlsx files found; `counts.files` of them were decided (fewer only when the run was interrupted). */
  found: number;
  /** Stopped on request (Ctrl+C) before every file was decided: the files decided were stored, the rest not read. */
  interrupted: boolean;
  /** With --arrival-times-from: that database, and how many of the files found it knew (dated and ordered by it). */
  arrivals?: { from: string; known: number };
}

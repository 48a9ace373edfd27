import { formatIssueMessage, type IssueParams } from "./issueMessages";
import { ISSUE_SEVERITY, type IssueCode, type ValidationIssue } from "./ValidationIssue";

/** Gathers issues in the order they are found; every message names its cell. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  add(code: IssueCode, sheet: string, cell: string, params: IssueParams = {}, indicator?: string): void {
    const issue: ValidationIssue = {
      code,
      severity: ISSUE_SEVERITY[code],
      message: formatIssueMessage(code, { cell, ...params }),
      location: { sheet, cell },
    };
    if (indicator !== undefined) issue.indicator = indicator;
    this.issues.push(issue);
  }
}

import { Badge, Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { findIndicator } from "../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../core/src/i18n/Language";
import type { ValidationIssue } from "../../../core/src/validation/ValidationIssue";
import type { Translate } from "../i18n/uiText";

/** Enough to work through; a pasted block of garbage must not freeze the pane with thousands of rows. */
const SHOWN_MAX = 150;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  counts: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  group: { margin: 0, fontSize: tokens.fontSizeBase300 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start" },
});

export interface CheckSectionProps {
  catalog: Catalog;
  language: Language;
  issues: ValidationIssue[] | undefined;
  checking: boolean;
  counts: { errors: number; warnings: number; notReported: number } | undefined;
  onGoToCell: (sheet: string, cell: string) => void;
  t: Translate;
}

/** The counts (always in view) and the problems, grouped by indicator, each with a way to its cell. */
export function CheckSection({ catalog, language, issues, checking, counts, onGoToCell, t }: CheckSectionProps) {
  const styles = useStyles();
  const shown = (issues ?? []).filter((i) => i.code !== "NOT_REPORTED");
  const groups = groupIssues(shown.slice(0, SHOWN_MAX));
  return (
    <section className={styles.section} aria-labelledby="check-heading">
      <h2 id="check-heading" className={styles.heading}>
        {t("checkHeading")}
      </h2>
      <div className={styles.counts} role="status" aria-live="polite">
        <Badge appearance="filled" color={counts && counts.errors > 0 ? "danger" : "success"}>
          {t("errorsCount", { count: counts?.errors ?? "–" })}
        </Badge>
        <Badge appearance="tint" color="warning">
          {t("warningsCount", { count: counts?.warnings ?? "–" })}
        </Badge>
        <Badge appearance="outline" color="informative">
          {t("notReportedCount", { count: counts?.notReported ?? "–" })}
        </Badge>
        {checking && <Spinner size="extra-tiny" label={t("checking")} />}
      </div>
      {issues && shown.length === 0 && <Text>{t("noProblems")}</Text>}
      {groups.length > 0 && (
        <div role="region" aria-label={t("problemsLabel")}>
          {groups.map((g) => (
            <section key={g.key} aria-label={g.key}>
              <h3 className={styles.group}>{g.indicator ? indicatorTitle(catalog, g.indicator, language) : t("otherProblems", { sheet: g.key })}</h3>
              <ul className={styles.list}>
                {g.issues.map((issue, n) => (
                  <li key={`${issue.code}-${issue.location.sheet}-${issue.location.cell}-${n}`} className={styles.item}>
                    <Text>
                      <Badge size="small" appearance="tint" color={issue.severity === "error" ? "danger" : "warning"}>
                        {t(issue.severity === "error" ? "severityError" : "severityWarning")}
                      </Badge>{" "}
                      {issue.message[language]}
                    </Text>
                    <Button
                      size="small"
                      appearance="secondary"
                      aria-label={t("goToCellLabel", { cell: issue.location.cell, sheet: issue.location.sheet })}
                      onClick={() => onGoToCell(issue.location.sheet, issue.location.cell)}
                    >
                      {t("goToCell", { cell: issue.location.cell })}
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {shown.length > SHOWN_MAX && <Text>{t("moreProblems", { count: shown.length - SHOWN_MAX })}</Text>}
        </div>
      )}
    </section>
  );
}

function groupIssues(issues: ValidationIssue[]): Array<{ key: string; indicator?: string; issues: ValidationIssue[] }> {
  const groups = new Map<string, { key: string; indicator?: string; issues: ValidationIssue[] }>();
  for (const issue of issues) {
    const key = issue.indicator ?? issue.location.sheet;
    const g = groups.get(key) ?? (issue.indicator ? { key, indicator: issue.indicator, issues: [] } : { key, issues: [] });
    g.issues.push(issue);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function indicatorTitle(catalog: Catalog, code: string, language: Language): string {
  const text = findIndicator(catalog, code)?.indicator.text[language];
  if (!text) return code;
  return `${code} · ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`;
}

import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { catalogByVersion, currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { findInstitution } from "../../../core/src/catalog/catalogQueries";
import { diffCatalogs } from "../../../core/src/catalog/diffCatalogs";
import type { Language } from "../../../core/src/i18n/Language";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { Translate } from "../i18n/uiText";
import type { TemplateIdentity, TemplatePlan } from "../workbook/WorkbookPort";
import { periodLabel } from "./periodChoices";

const LISTED_MAX = 12;

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
});

export interface PlanPanelProps {
  plan: TemplatePlan;
  layout: TemplateLayout;
  previous: TemplateIdentity;
  language: Language;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  t: Translate;
}

/** Says what a refresh changes (catalog revision, indicators in and out, values that cannot stay) before it runs. */
export function PlanPanel({ plan, layout, previous, language, busy, onConfirm, onCancel, t }: PlanPanelProps) {
  const styles = useStyles();
  const lines: string[] = [];
  const label = (institution: string, period: string) => `${findInstitution(currentCatalog(), institution)?.name[language] ?? institution} · ${periodLabel(period, language)}`;
  if (previous.institution !== layout.institution || previous.period !== layout.period) {
    lines.push(t("planSwitch", { old: label(previous.institution, previous.period), new: label(layout.institution, layout.period) }));
  }
  if (previous.catalogVersion !== layout.catalogVersion) {
    lines.push(t("planCatalog", { old: previous.catalogVersion, new: layout.catalogVersion }));
    const before = catalogByVersion(previous.catalogVersion);
    const after = catalogByVersion(layout.catalogVersion);
    if (before && after) {
      const diff = diffCatalogs(before, after);
      for (const r of diff.renamed) lines.push(t("planRenamed", { from: r.from, to: r.to, note: r.note[language] }));
      for (const r of diff.retired) lines.push(t("planRetired", { code: r.code, note: r.note ? `: ${r.note[language]}` : "." }));
    }
  }
  const list = (codes: string[]) => (codes.length > LISTED_MAX ? `${codes.slice(0, LISTED_MAX).join(", ")} (+${codes.length - LISTED_MAX})` : codes.join(", "));
  if (plan.carry.added.length > 0) lines.push(t("planAdded", { codes: list(plan.carry.added) }));
  if (plan.carry.removed.length > 0) lines.push(t("planRemoved", { codes: list(plan.carry.removed) }));
  lines.push(t("planKept", { count: plan.carry.carried }));
  if (plan.carry.lost.length > 0) {
    lines.push(t("planLost", { count: plan.carry.lost.length, cells: list(plan.carry.lost.map((l) => `${l.sheet}!${l.cell}`)) }));
  }
  if (plan.sheetsToRemove.length > 0) lines.push(t("planSheetsRemoved", { sheets: plan.sheetsToRemove.join(", ") }));
  return (
    <MessageBar intent={plan.carry.lost.length > 0 ? "warning" : "info"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("planHeading")}</MessageBarTitle>
        <ul className={styles.list}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={onConfirm} disabled={busy}>
            {t("planConfirm")}
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            {t("planCancel")}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}

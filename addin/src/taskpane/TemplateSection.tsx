import { Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { findInstitution, reportingInstitutions } from "../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../core/src/i18n/Language";
import type { Translate } from "../i18n/uiText";
import type { TemplateChoice, TemplateIdentity } from "../workbook/WorkbookPort";
import { periodChoices, periodLabel } from "./periodChoices";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  // Institution names are long; the pane is narrow: the list shortens instead of widening the pane.
  select: { width: "100%", minWidth: 0 },
  selectInner: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
});

export interface TemplateSectionProps {
  catalog: Catalog;
  language: Language;
  now: () => Date;
  choice: TemplateChoice;
  onChoice: (choice: TemplateChoice) => void;
  template: TemplateIdentity | undefined;
  busy: boolean;
  onInsert: () => void;
  t: Translate;
}

/** Which institution and semester this workbook reports, and the button that writes the template. */
export function TemplateSection({ catalog, language, now, choice, onChoice, template, busy, onInsert, t }: TemplateSectionProps) {
  const styles = useStyles();
  const periods = periodChoices(now(), language, choice.period);
  const institutionName = (code: string) => {
    const i = findInstitution(catalog, code);
    return i ? `${i.name[language]} (${i.code})` : code;
  };
  return (
    <section className={styles.section} aria-labelledby="template-heading">
      <h2 id="template-heading" className={styles.heading}>
        {t("templateHeading")}
      </h2>
      <Text size={200}>
        {template ? t("templateInWorkbook", { institution: institutionName(template.institution), period: periodLabel(template.period, language) }) : t("noTemplateYet")}
      </Text>
      {template && template.catalogVersion !== catalog.version && <Text size={200}>{t("catalogOutdated", { old: template.catalogVersion, new: catalog.version })}</Text>}
      <Field label={t("institutionLabel")}>
        <Select className={styles.select} select={{ className: styles.selectInner }} value={choice.institution} onChange={(_, d) => onChoice({ ...choice, institution: d.value })} disabled={busy}>
          {reportingInstitutions(catalog).map((i) => (
            <option key={i.code} value={i.code}>
              {`${i.name[language]} (${i.code})`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("periodLabel")}>
        <Select className={styles.select} select={{ className: styles.selectInner }} value={choice.period} onChange={(_, d) => onChoice({ ...choice, period: d.value })} disabled={busy}>
          {periods.options.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Text size={200}>{t("templateHint")}</Text>
      <div>
        <Button appearance="primary" onClick={onInsert} disabled={busy}>
          {template ? t("refreshTemplate") : t("insertTemplate")}
        </Button>
      </div>
    </section>
  );
}

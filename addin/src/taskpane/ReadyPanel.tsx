import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Language } from "../../../core/src/i18n/Language";
import type { Translate } from "../i18n/uiText";
import { formatDateTime } from "./periodChoices";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
});

export interface ReadyPanelProps {
  initialName: string;
  errors: number | undefined;
  readyAt: string | null;
  language: Language;
  busy: boolean;
  onMarkReady: (name: string) => void;
  t: Translate;
}

/** "Ready to submit": possible only with no error; the name typed here goes into the workbook only. */
export function ReadyPanel({ initialName, errors, readyAt, language, busy, onMarkReady, t }: ReadyPanelProps) {
  const styles = useStyles();
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched) setName(initialName);
  }, [initialName, touched]);
  const blocked = errors === undefined || errors > 0;
  return (
    <section className={styles.section} aria-labelledby="ready-heading">
      <h2 id="ready-heading" className={styles.heading}>
        {t("readyHeading")}
      </h2>
      {readyAt && (
        <Text weight="semibold">
          {t("readyDone", { when: formatDateTime(readyAt, language) })}
        </Text>
      )}
      <Field label={t("preparedByLabel")} hint={t("preparedByHint")} required>
        <Input
          value={name}
          maxLength={120}
          autoComplete="off"
          onChange={(_, d) => {
            setTouched(true);
            setName(d.value);
          }}
        />
      </Field>
      {errors !== undefined && errors > 0 && <Text>{t("readyBlocked", { count: errors })}</Text>}
      <div>
        <Button appearance="primary" disabled={blocked || busy || name.trim() === ""} onClick={() => onMarkReady(name)}>
          {t("markReady")}
        </Button>
      </div>
    </section>
  );
}

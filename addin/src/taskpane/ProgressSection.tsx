import { Badge, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { IndicatorProgress, IndicatorState } from "../../../core/src/validation/ParsedEntries";
import type { Translate, UiKey } from "../i18n/uiText";

const STATE_TEXT: Record<IndicatorState, UiKey> = { complete: "stateComplete", incomplete: "stateIncomplete", empty: "stateEmpty" };
const STATE_COLOR: Record<IndicatorState, "success" | "warning" | "informative"> = { complete: "success", incomplete: "warning", empty: "informative" };

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

/** How many indicators are complete, as a bar, and each indicator's state. */
export function ProgressSection({ progress, t }: { progress: IndicatorProgress[] | undefined; t: Translate }) {
  const styles = useStyles();
  const total = progress?.length ?? 0;
  const done = progress?.filter((p) => p.state === "complete").length ?? 0;
  return (
    <section className={styles.section} aria-labelledby="progress-heading">
      <h2 id="progress-heading" className={styles.heading}>
        {t("progressHeading")}
      </h2>
      <Field label={t("progressLabel", { done, total })} validationState="none">
        <ProgressBar value={total > 0 ? done / total : 0} thickness="large" />
      </Field>
      {progress && (
        <ul className={styles.list} aria-label={t("progressListLabel")}>
          {progress.map((p) => (
            <li key={p.indicator}>
              <Badge appearance="tint" color={STATE_COLOR[p.state]}>
                {`${p.indicator}: ${t(STATE_TEXT[p.state])}`}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

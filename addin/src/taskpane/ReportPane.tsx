import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { catalogByVersion, currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { reportingInstitutions } from "../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../core/src/i18n/Language";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { Translate } from "../i18n/uiText";
import type { CheckResult, TemplateChoice, TemplateIdentity, TemplatePlan, WorkbookPort, WorkbookState } from "../workbook/WorkbookPort";
import { CheckScheduler } from "./CheckScheduler";
import { CheckSection } from "./CheckSection";
import { describeError } from "./describeError";
import { formatDateTime, periodChoices } from "./periodChoices";
import { ProgressSection } from "./ProgressSection";
import { ReadyPanel } from "./ReadyPanel";
import { TemplateSection } from "./TemplateSection";

// Rarely shown: the explanation before a refresh that changes the layout loads on demand.
const PlanPanel = lazy(() => import("./PlanPanel.js").then((m) => ({ default: m.PlanPanel })));

const GENERATED_BY = "PA1325 add-in";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

interface Active {
  catalog: Catalog;
  layout: TemplateLayout;
}

export type Notice = { intent: "success" | "warning" | "info"; title?: string; text: string };

export interface ReportPaneProps {
  workbook: WorkbookPort;
  language: Language;
  now: () => Date;
  t: Translate;
}

/** The whole report flow: choose, insert, check as staff type, mark ready. */
export function ReportPane({ workbook, language, now, t }: ReportPaneProps) {
  const styles = useStyles();
  const catalog = useMemo(() => currentCatalog(), []);
  const [state, setState] = useState<WorkbookState | undefined>();
  const [choice, setChoice] = useState<TemplateChoice | undefined>();
  const [active, setActive] = useState<Active | undefined>();
  const [check, setCheck] = useState<CheckResult | undefined>();
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [pending, setPending] = useState<{ layout: TemplateLayout; plan: TemplatePlan } | undefined>();

  const runAction = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      // The one place failures end up: shown in the MessageBar below, with what to do next.
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);

  const activeRef = useRef<Active | undefined>(undefined);
  activeRef.current = active;
  const scheduler = useMemo(
    () =>
      new CheckScheduler(async () => {
        const current = activeRef.current;
        if (!current) return;
        setChecking(true);
        try {
          const result = await workbook.checkEntries(current.catalog, current.layout);
          setCheck(result);
          if (result.stampCleared) setNotice({ intent: "warning", text: t("stampCleared") });
        } finally {
          setChecking(false);
        }
      }, setError),
    [workbook, t],
  );

  useEffect(() => {
    void runAction(async () => {
      const read = await workbook.readState();
      setState(read);
      const institutions = reportingInstitutions(catalog);
      const remembered = read.choice ?? (read.template ? { institution: read.template.institution, period: read.template.period } : undefined);
      setChoice(remembered ?? { institution: institutions[0]!.code, period: periodChoices(now(), language).fallback });
      if (read.template) setActive(activeFor(read.template, catalog));
    });
  }, [workbook, catalog, language, now, runAction]);

  useEffect(() => {
    if (!active) return;
    let unsubscribe: (() => Promise<void>) | undefined;
    let stopped = false;
    void workbook
      .watchEntries(active.layout, () => scheduler.request())
      .then((off) => {
        unsubscribe = off;
        if (stopped) void off();
      }, setError);
    void scheduler.run();
    return () => {
      stopped = true;
      scheduler.cancel();
      if (unsubscribe) void unsubscribe().catch(setError);
    };
  }, [active, workbook, scheduler]);

  const insert = async (layout: TemplateLayout, chosen: TemplateChoice) => {
    await workbook.insertTemplate(layout, chosen);
    const template: TemplateIdentity = { institution: layout.institution, period: layout.period, language: layout.language, catalogVersion: layout.catalogVersion, readyAt: null };
    setState({ choice: chosen, template });
    setPending(undefined);
    setCheck(undefined);
    setActive({ catalog, layout });
    setNotice({ intent: "success", text: t("templateInserted") });
  };

  const onInsert = () =>
    runAction(async () => {
      if (!choice) return;
      setNotice(undefined);
      const layout = buildTemplateLayout(catalog, choice.institution, choice.period, state?.template?.language ?? language, {
        generatedBy: GENERATED_BY,
        generatedAt: now().toISOString(),
      });
      if (state?.template) {
        const plan = await workbook.planTemplate(layout);
        if (needsConfirmation(plan, layout)) {
          setPending({ layout, plan });
          return;
        }
      }
      await insert(layout, choice);
    });

  const counts = check ? countProblems(check) : undefined;
  return (
    <div className={styles.stack}>
      {error !== undefined && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("errorTitle")}</MessageBarTitle>
            {describeError(error, t)}
          </MessageBarBody>
          <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t("dismiss")} onClick={() => setError(undefined)}>×</Button>} />
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>
            {notice.title && <MessageBarTitle>{notice.title}</MessageBarTitle>}
            {notice.text}
          </MessageBarBody>
          <MessageBarActions containerAction={<Button appearance="transparent" aria-label={t("dismiss")} onClick={() => setNotice(undefined)}>×</Button>} />
        </MessageBar>
      )}
      {!state || !choice ? (
        <Spinner size="small" label={t("loading")} />
      ) : (
        <>
          <TemplateSection
            catalog={catalog}
            language={language}
            now={now}
            choice={choice}
            onChoice={setChoice}
            template={state.template}
            busy={busy || pending !== undefined}
            onInsert={onInsert}
            t={t}
          />
          {pending && state.template && (
            <Suspense fallback={<Spinner size="tiny" label={t("loading")} />}>
              <PlanPanel
                plan={pending.plan}
                layout={pending.layout}
                previous={state.template}
                language={language}
                busy={busy}
                onConfirm={() => runAction(() => insert(pending.layout, choice))}
                onCancel={() => setPending(undefined)}
                t={t}
              />
            </Suspense>
          )}
          {busy && <Spinner size="tiny" label={t("working")} />}
          {active && (
            <>
              <CheckSection
                catalog={active.catalog}
                language={language}
                issues={check?.parsed.issues}
                checking={checking}
                counts={counts}
                onGoToCell={(sheet, cell) => runAction(() => workbook.goToCell(sheet, cell))}
                t={t}
              />
              <ProgressSection progress={check?.parsed.progress} t={t} />
              <ReadyPanel
                initialName={check?.parsed.preparedBy ?? ""}
                errors={counts?.errors}
                readyAt={check?.readyAt ?? null}
                language={language}
                busy={busy}
                t={t}
                onMarkReady={(name) =>
                  runAction(async () => {
                    const result = await workbook.markReady(active.catalog, active.layout, name, now());
                    setCheck({ parsed: result.parsed, stampCleared: false, readyAt: result.ok ? result.readyAt : null });
                    setNotice(
                      result.ok
                        ? { intent: "success", title: t("readyDone", { when: formatDateTime(result.readyAt, language) }), text: t("readyHowToSend", { deadline: deadlineOf(active.layout) }) }
                        : { intent: "warning", text: t("readyFailed") },
                    );
                  })
                }
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

function activeFor(template: TemplateIdentity, current: Catalog): Active {
  const catalog = catalogByVersion(template.catalogVersion) ?? current;
  return { catalog, layout: buildTemplateLayout(catalog, template.institution, template.period, template.language) };
}

function needsConfirmation(plan: TemplatePlan, layout: TemplateLayout): boolean {
  const e = plan.existing;
  const switched = !e || e.institution !== layout.institution || e.period !== layout.period || e.catalogVersion !== layout.catalogVersion;
  return switched || plan.carry.lost.length > 0 || plan.carry.added.length > 0 || plan.carry.removed.length > 0 || plan.sheetsToRemove.length > 0;
}

/** Errors and warnings to fix; indicators not reported yet are counted apart (the progress shows them). */
export function countProblems(check: CheckResult): { errors: number; warnings: number; notReported: number } {
  let errors = 0;
  let warnings = 0;
  let notReported = 0;
  for (const i of check.parsed.issues) {
    if (i.code === "NOT_REPORTED") notReported++;
    else if (i.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings, notReported };
}

function deadlineOf(layout: TemplateLayout): string {
  const cover = layout.sheets.find((s) => s.role === "cover");
  return String(cover?.cells.find((c) => c.address === "B6")?.value ?? "");
}

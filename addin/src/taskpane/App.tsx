import { FluentProvider, Spinner, Text, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { Suspense, lazy, useMemo } from "react";
import type { HostInfo } from "../host/startHost";
import { translator } from "../i18n/uiText";
import { ReportPane } from "./ReportPane";

// Shown only where Excel cannot run the pane: loaded on demand so it costs nothing elsewhere.
const UnsupportedPanel = lazy(() => import("./UnsupportedPanel.js").then((m) => ({ default: m.UnsupportedPanel })));

const useStyles = makeStyles({
  root: { minHeight: "100vh", padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, boxSizing: "border-box" },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  header: { marginBottom: tokens.spacingVerticalM },
});

export interface AppProps {
  host: HostInfo;
  now: () => Date;
}

export function App({ host, now }: AppProps) {
  const styles = useStyles();
  const t = useMemo(() => translator(host.language), [host.language]);
  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} lang={host.language} className={styles.root}>
      <main aria-labelledby="app-title">
        <header className={styles.header}>
          <h1 id="app-title" className={styles.title}>
            {t("appTitle")}
          </h1>
          <Text size={200}>{t("appSubtitle")}</Text>
        </header>
        {host.support === "ok" && host.workbook ? (
          <ReportPane workbook={host.workbook} language={host.language} now={now} t={t} />
        ) : (
          <Suspense fallback={<Spinner size="tiny" label={t("loading")} />}>
            <UnsupportedPanel reason={host.support === "tooOld" ? "tooOld" : "notExcel"} t={t} />
          </Suspense>
        )}
      </main>
    </FluentProvider>
  );
}

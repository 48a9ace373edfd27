import { MessageBar, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import type { Translate } from "../i18n/uiText";

/** Why the pane cannot work here, and what to do instead. */
export function UnsupportedPanel({ reason, t }: { reason: "tooOld" | "notExcel"; t: Translate }) {
  return (
    <>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t(reason === "tooOld" ? "tooOldTitle" : "notExcelTitle")}</MessageBarTitle>
          {t(reason === "tooOld" ? "tooOldBody" : "notExcelBody")}
        </MessageBarBody>
      </MessageBar>
      {reason === "tooOld" && (
        <p>
          <Text>{t("tooOldFallback")}</Text>
        </p>
      )}
    </>
  );
}

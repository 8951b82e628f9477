// A check's result: each expectation passed or failed, with its reason;
// compile errors point at the learner's own line.
import React from "react";
import { Box, Text } from "ink";
import { t } from "../../i18n/index.ts";
import type { CheckOutcome } from "../../lesson/check-lesson.ts";
import { escapeTerminal } from "../../util/escape.ts";
import { Spinner } from "./RunPane.tsx";

export type CheckState = { status: "idle" } | { status: "running"; file: string } | { status: "done"; outcome: CheckOutcome };

export function CheckView({ state }: { state: CheckState }) {
  if (state.status === "idle") return <Text dimColor>{t("app.check.idle")}</Text>;
  if (state.status === "running") return <Spinner label={t("app.check.running", { file: state.file })} />;
  const o = state.outcome;
  if (o.status === "error") return <Text color="red">{t("app.check.error", { error: o.error ?? "" })}</Text>;
  return (
    <Box flexDirection="column">
      {o.status === "passed" ? <Text color="green" bold>✓ {t("app.check.passed")}</Text> : <Text color="yellow" bold>✗ {t("app.check.failed")}</Text>}
      {o.compileError ? (
        <Text color="red">{t("app.check.compileAt", { file: o.compileError.file, line: o.compileError.line, column: o.compileError.column })}</Text>
      ) : null}
      {(o.expectations ?? []).map((e) => (
        <Text key={e.id} color={e.passed ? "green" : "red"} wrap="wrap">
          {e.passed ? "  ✓ " : "  ✗ "}
          {e.passed ? e.id : escapeTerminal(e.reason ?? e.id)}
        </Text>
      ))}
    </Box>
  );
}

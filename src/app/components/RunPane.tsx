// The live run pane: which program and variant run and why, a spinner while
// bcc compiles, then the program's output (escaped, bounded).
import React from "react";
import { Box, Text } from "ink";
import { t } from "../../i18n/index.ts";
import type { RunState } from "../state/app-state.ts";
import type { Scrollback } from "../scrollback.ts";
import { Spinner } from "./Spinner.tsx";
import { clip } from "../text-layout.ts";

export function RunPane({ state, scrollback, variantLine, height, scroll, exercise, width }: { state: RunState; scrollback: Scrollback; variantLine: string; height: number; scroll: number; exercise: boolean; width: number }) {
  const status = (() => {
    switch (state.phase) {
      case "idle": return <Text dimColor>{t(exercise ? "app.run.idleExercise" : "app.run.idle")}</Text>;
      case "starting":
      case "compiling": return <Spinner label={t("app.run.compiling")} />;
      case "ready": return <Text color="green">{t("app.run.ready")}</Text>;
      case "triggering": return <Spinner label={t("app.run.triggering")} />;
      case "stopping": return <Spinner label={t("app.run.stopping")} />;
      case "done": return <Text color={state.error ? "red" : "yellow"}>{t("app.run.done", { how: state.error ?? state.exit ?? "" })}</Text>;
    }
  })();
  const which = state.phase === "idle" ? "" : state.which === "reference" ? t("app.run.reference") : exercise ? t("app.run.mine", { file: state.file ?? "" }) : "";
  const lines = scrollback.tail(Math.max(1, height - 4), scroll);
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">{clip(variantLine, width - 1)}</Text>
      {which ? <Text color="cyan" wrap="truncate-end">{clip(which, width - 1)}</Text> : null}
      {status}
      {scrollback.dropped > 0 && scroll === 0 ? <Text dimColor>{t("app.run.dropped", { count: scrollback.dropped })}</Text> : null}
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={l.startsWith("! ") ? "red" : undefined}>{clip(l || " ", width - 1)}</Text>
      ))}
    </Box>
  );
}

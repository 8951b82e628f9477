// The live run pane: which variant runs and why, a spinner while bcc
// compiles, then the program's output (escaped, bounded).
import React, { useEffect, useState } from "react";
import { Box, Text } from "ink";
import { t } from "../../i18n/index.ts";
import type { RunState } from "../hooks/use-run.ts";
import type { Scrollback } from "../scrollback.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function Spinner({ label }: { label: string }) {
  const [i, setI] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setI((n) => (n + 1) % FRAMES.length), 80);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text color="cyan">
      {FRAMES[i]} {label}
    </Text>
  );
}

export function RunPane({ state, scrollback, variantLine, height, scroll }: { state: RunState; scrollback: Scrollback; variantLine: string; height: number; scroll: number }) {
  const status = (() => {
    switch (state.phase) {
      case "idle": return <Text dimColor>{t("app.run.idle")}</Text>;
      case "starting":
      case "compiling": return <Spinner label={t("app.run.compiling")} />;
      case "ready": return <Text color="green">{t("app.run.ready")}</Text>;
      case "triggering": return <Spinner label={t("app.run.triggering")} />;
      case "stopping": return <Spinner label={t("app.run.stopping")} />;
      case "done": return <Text color={state.error ? "red" : "yellow"}>{t("app.run.done", { how: state.error ?? state.exit ?? "" })}</Text>;
    }
  })();
  const lines = scrollback.tail(Math.max(1, height - 3), scroll);
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate-end">{variantLine}</Text>
      {status}
      {scrollback.dropped > 0 && scroll === 0 ? <Text dimColor>{t("app.run.dropped", { count: scrollback.dropped })}</Text> : null}
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">{l || " "}</Text>
      ))}
    </Box>
  );
}

// The help line, built from the keymap: what the keys of this screen do.
import React from "react";
import { Text } from "ink";
import { t } from "../../i18n/index.ts";
import { contexts, helpEntries } from "../state/keymap.ts";
import type { AppState } from "../state/app-state.ts";

export function HelpLine({ state }: { state: AppState }) {
  const parts = helpEntries(contexts(state.screen, state.tab)).map((e) => {
    const label = t(e.label);
    const extra = e.label === "key.filter" ? `: ${t(`app.filter.${state.filter}`)}` : e.label === "key.demo" ? `: ${t(state.demo ? "app.on" : "app.off")}` : "";
    return `${e.keys} ${label}${extra}`;
  });
  return <Text dimColor wrap="truncate-end">{parts.join("  ")}</Text>;
}

// The help line, built from the keymap: what the keys of this screen do.
import React from "react";
import { Text } from "ink";
import { t } from "../../i18n/index.ts";
import { contexts, helpEntries } from "../state/keymap.ts";
import type { AppState } from "../state/app-state.ts";
import { clip } from "../text-layout.ts";

export function HelpLine({ state, width }: { state: AppState; width: number }) {
  const parts = helpEntries(contexts(state.screen, state.tab)).map((e) => {
    const label = t(e.label);
    const extra = e.label === "key.filter" ? `: ${t(`app.filter.${state.filter}`)}` : e.label === "key.demo" ? `: ${t(state.demo ? "app.on" : "app.off")}` : "";
    return `${e.keys} ${label}${extra}`;
  });
  // Cut by display width here: Ink's own truncation can overflow by a column with wide characters.
  return <Text dimColor wrap="truncate-end">{clip(parts.join("  "), width - 1)}</Text>;
}

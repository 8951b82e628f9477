// The line above the help line: the command being typed, a question, or the last message.
import React from "react";
import { Text } from "ink";
import { t } from "../../i18n/index.ts";
import { candidates } from "../state/keymap.ts";
import type { Confirm } from "../state/app-state.ts";
import { clip } from "../text-layout.ts";

export function StatusLine({ message, confirm, cmdline, file, width }: { message?: string; confirm?: Confirm; cmdline?: string; file?: string; width: number }) {
  if (cmdline !== undefined) {
    return (
      <Text wrap="truncate-end">
        :{cmdline}
        <Text inverse> </Text>
        <Text dimColor>  {candidates(cmdline).slice(0, 6).join("  ")}</Text>
      </Text>
    );
  }
  if (confirm) {
    return <Text color="yellow" wrap="truncate-end">{clip(confirm === "reset" ? t("app.confirm.reset", { file: file ? `${file}.ts` : "", backup: "….bak" }) : t("app.confirm.solution"), width - 1)}</Text>;
  }
  return <Text color="yellow" wrap="truncate-end">{clip(message ?? " ", width - 1)}</Text>;
}

// The line above the help line: the command being typed, a question, or the last message.
import React from "react";
import { Text } from "ink";
import { t } from "../../i18n/index.ts";
import { candidates } from "../state/keymap.ts";
import type { Confirm } from "../state/app-state.ts";

export function StatusLine({ message, confirm, cmdline, file }: { message?: string; confirm?: Confirm; cmdline?: string; file?: string }) {
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
    return <Text color="yellow" wrap="truncate-end">{confirm === "reset" ? t("app.confirm.reset", { file: file ? `${file}.ts` : "", backup: "….bak" }) : t("app.confirm.solution")}</Text>;
  }
  return <Text color="yellow" wrap="truncate-end">{message ?? " "}</Text>;
}

// The Check tab: a spinner while the check runs, then the verdict in words
// (views/check.ts builds the lines; this only renders them).
import React from "react";
import { Text } from "ink";
import { t } from "../../i18n/index.ts";
import type { Lesson } from "../../lesson/schema.ts";
import type { CheckState } from "../state/app-state.ts";
import { checkLines } from "../views/check.ts";
import { StyledLines } from "./StyledLines.tsx";
import { Spinner } from "./Spinner.tsx";

export function CheckView({ state, width, height = 1000, scroll = 0, lesson }: { state: CheckState; width: number; height?: number; scroll?: number; lesson?: Lesson }) {
  if (state.status === "idle") return <Text dimColor>{t("app.check.idle")}</Text>;
  if (state.status === "running") return <Spinner label={t("app.check.running", { file: state.file })} />;
  const lines = checkLines(state.outcome, lesson, width);
  return <StyledLines lines={lines.slice(scroll, scroll + height)} />;
}

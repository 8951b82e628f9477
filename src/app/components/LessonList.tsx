// The lesson list: progress (done out of total, a bar, where the learner
// left off), then number, title, kind, done/pending, and a mark where the
// tutorial's original probe cannot run on this kernel.
import React from "react";
import { Box, Text } from "ink";
import { t } from "../../i18n/index.ts";
import { lessonTitle } from "../../lesson/text.ts";
import { fit } from "../text-layout.ts";
import type { ListRow } from "../lesson-rows.ts";

export function progressBar(done: number, total: number, width: number): string {
  const full = total === 0 ? 0 : Math.round((done / total) * width);
  return "█".repeat(full) + "░".repeat(Math.max(0, width - full));
}

export function LessonList({ rows, all, selected, height, width, current }: { rows: ListRow[]; all: ListRow[]; selected: number; height: number; width: number; current?: string }) {
  const done = all.filter((r) => r.done).length;
  const leftOff = all.find((r) => r.lesson.id === current)?.lesson;
  const listHeight = Math.max(1, height - 2);
  const first = Math.max(0, Math.min(selected - Math.floor(listHeight / 2), rows.length - listHeight));
  const visible = rows.slice(first, first + listHeight);
  const titleWidth = Math.max(10, width - 56);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{t("app.list.progress", { done, total: all.length })}</Text> <Text color="green">{progressBar(done, all.length, 20)}</Text>
        <Text dimColor>{leftOff ? `  ${t("app.list.leftOff", { lesson: `${leftOff.number}. ${lessonTitle(leftOff)}` })}` : ""}</Text>
      </Text>
      <Text> </Text>
      {visible.map((r, i) => {
        const idx = first + i;
        const sel = idx === selected;
        return (
          <Text key={r.lesson.id} inverse={sel} wrap="truncate-end">
            {sel ? "› " : "  "}
            <Text color={r.done ? "green" : undefined}>{r.done ? "✓" : " "}</Text> {String(r.lesson.number).padStart(2)} {fit(lessonTitle(r.lesson), titleWidth)}{" "}
            <Text dimColor>{fit(t(`kind.${r.lesson.kind}`), 8)}</Text>
            {r.lesson.id === current ? <Text color="cyan"> ◀ {t("app.list.here")}</Text> : null}
            {r.optional ? <Text dimColor> ({t("app.list.optional")})</Text> : null}
            {r.portableHere ? <Text color="yellow"> ◆ {t("app.list.portableMark")}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}

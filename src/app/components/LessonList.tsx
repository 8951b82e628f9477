// The lesson list: number, title, kind, done/pending, and a mark where the
// tutorial's original probe cannot run on this kernel.
import React from "react";
import { Box, Text } from "ink";
import type { Lesson } from "../../lesson/schema.ts";
import { t } from "../../i18n/index.ts";
import { lessonTitle } from "../../lesson/text.ts";
import { fit } from "../text-layout.ts";

export interface ListRow {
  lesson: Lesson;
  done: boolean;
  portableHere: boolean;
  /** A workshop marked it optional. */
  optional?: boolean;
}

export function LessonList({ rows, selected, height, width }: { rows: ListRow[]; selected: number; height: number; width: number }) {
  const first = Math.max(0, Math.min(selected - Math.floor(height / 2), rows.length - height));
  const visible = rows.slice(first, first + height);
  const titleWidth = Math.max(10, width - 34);
  return (
    <Box flexDirection="column">
      {visible.map((r, i) => {
        const idx = first + i;
        const sel = idx === selected;
        return (
          <Text key={r.lesson.id} inverse={sel} wrap="truncate-end">
            {sel ? "› " : "  "}
            <Text color={r.done ? "green" : undefined}>{r.done ? "✓" : " "}</Text> {String(r.lesson.number).padStart(2)} {fit(lessonTitle(r.lesson), titleWidth)}{" "}
            <Text dimColor>{fit(t(`kind.${r.lesson.kind}`), 8)}</Text>
            {r.optional ? <Text dimColor> ({t("app.list.optional")})</Text> : null}
            {r.portableHere ? <Text color="yellow"> ◆ {t("app.list.portableMark")}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}

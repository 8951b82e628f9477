// The lesson list's rows: each lesson with whether it is done, optional in a
// workshop, or runs its portable variant on this kernel. Pure.
import type { Lesson } from "../lesson/schema.ts";
import { runnable } from "../lesson/variant.ts";
import type { Progress } from "../state/progress.ts";
import type { Filter } from "./state/app-state.ts";

export interface ListRow {
  lesson: Lesson;
  done: boolean;
  portableHere: boolean;
  optional?: boolean;
}

export function lessonRows(lessons: Lesson[], progress: Progress, optional: string[] = []): ListRow[] {
  return lessons.map((l) => ({
    lesson: l,
    done: progress.done.includes(l.id),
    optional: optional.includes(l.id),
    portableHere: l.variants.some((v) => v.name === "original") && !runnable(l, "original") && runnable(l, "portable"),
  }));
}

export function filterRows(rows: ListRow[], filter: Filter): ListRow[] {
  return rows.filter((r) => filter === "all" || (filter === "done") === r.done);
}

// Named checks a lesson's expectations can ask for beyond line patterns.
// Each returns undefined when satisfied, else the reason for the learner.
import { t } from "../i18n/index.ts";

export type Predicate = (lines: string[]) => string | undefined;

export const predicates: Record<string, Predicate> = {
  /** Lesson 5: a count on each line that grows by one per sync. */
  "count-increments": (lines) => {
    const counts = lines.map((l) => /count\D*(\d+)/i.exec(l)?.[1]).filter((c): c is string => c !== undefined).map(Number);
    if (counts.length < 2) return t("check.pred.countIncrements.few", { count: counts.length });
    for (let i = 1; i < counts.length; i++) {
      if (counts[i] !== counts[i - 1]! + 1) return t("check.pred.countIncrements.jump", { prev: counts[i - 1]!, next: counts[i]! });
    }
    return undefined;
  },
  /** Histogram lessons: at least one bucket with a non-zero count and stars. */
  "histogram-nonzero": (lines) => (lines.some((l) => /^\s*\d+ -> \d+\s*: [1-9]\d*\s+\|\*+/.test(l)) ? undefined : t("check.pred.histogram")),
  /** Time columns start near zero and never go backwards. */
  "time-increases": (lines) => {
    const times = lines.map((l) => /^\s*(\d+\.\d+)\s/.exec(l)?.[1]).filter((x): x is string => x !== undefined).map(Number);
    for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) return t("check.pred.timeIncreases");
    return undefined;
  },
};

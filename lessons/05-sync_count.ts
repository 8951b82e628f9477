import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "sync_count",
  number: 5,
  kind: "exercise",
  answer: "answers/05-sync_count.ts",
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] },
  ],
  // Four quick syncs: the first has no earlier sync to compare with, the
  // next three are printed with the counts 2, 3 and 4.
  trigger: [{ kind: "exec", argv: ["sync"], times: 4, gapMs: 100 }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    lines: [
      {
        pattern: "^At time \\d+\\.\\d\\d s: multiple syncs detected, last \\d+ ms ago, count \\d+$",
        example: "At time 0.12 s: multiple syncs detected, last 95 ms ago, count 3",
        min: 3,
      },
    ],
    predicates: ["count-increments"],
  },
  exercise: {
    starter: "lessons/starters/05-sync_count.ts",
    sourceChecks: [
      // The count lives in the BPF hash: created there (lookup_or_try_init,
      // increment) or read and written back under a key other than lesson 4's.
      {
        id: "count-in-map",
        pattern: "lookup_or_try_init\\s*\\(|\\.increment\\s*\\(|\\.update\\s*\\(\\s*&\\s*(?!key\\b)\\w+",
        must: true,
      },
      // Lesson 4's timing stays.
      { id: "keeps-timing", pattern: "bpf_ktime_get_ns\\s*\\(", must: true },
    ],
    hints: 3,
  },
});

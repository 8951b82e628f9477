import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "sync_timing",
  number: 4,
  kind: "example",
  answer: "answers/04-sync_timing.ts",
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] },
  ],
  // Quick syncs and one slow gap (> 1 s): the slow one must print nothing.
  trigger: [{ kind: "syncs", count: [4, 5], quickGapMs: [80, 250], slow: [1, 1] }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    lines: [
      {
        pattern: "^At time \\d+\\.\\d\\d s: multiple syncs detected, last \\d+ ms ago$",
        example: "At time 0.12 s: multiple syncs detected, last 95 ms ago",
        min: 2,
      },
    ],
  },
});

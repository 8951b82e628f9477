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
  // 4 to 6 syncs, quick ones (< 1 s apart) and one slow gap (> 1 s), so
  // counting every sync differs from counting the quick ones only.
  trigger: [{ kind: "syncs", count: [4, 6], quickGapMs: [80, 250], slow: [1, 1] }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    judge: {
      attach: ["tracepoint:syscalls:sys_enter_sync", "tracepoint:syscalls:sys_exit_sync", "kprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/", "kretprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/"],
      // A line per quick sync, with its gap and the number of syncs so far.
      events: "quick-syncs-count",
      line: "multiple syncs detected, last (?<delta>\\d+) ms ago, count (?<count>\\d+)",
      example: "At time 0.12 s: multiple syncs detected, last 95 ms ago, count 3",
      // The count lives in the map: at the end it equals all syncs seen.
      mapContents: "sync-total",
      hints: { values: 1, "map-contents": 2, "lines-match-workload": 1 },
    },
  },
  exercise: {
    starter: "lessons/starters/05-sync_count.ts",
    hints: 3,
  },
});

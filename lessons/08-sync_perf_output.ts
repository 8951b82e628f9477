import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "sync_perf_output",
  number: 8,
  kind: "exercise",
  answer: "answers/08-sync_perf_output.ts",
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync", needs: ["kprobe", "perf_buffer"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync", "perf_buffer"] },
  ],
  // Quick syncs and one slow gap: only the quick ones are reported.
  trigger: [{ kind: "syncs", count: [4, 6], quickGapMs: [80, 250], slow: [1, 1] }],
  expect: {
    header: ["Tracing for quick sync's... Ctrl-C to end"],
    judge: {
      attach: ["tracepoint:syscalls:sys_enter_sync", "tracepoint:syscalls:sys_exit_sync", "kprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/", "kretprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/"],
      // Events go through a perf buffer, never through trace_pipe.
      helpers: { anyOf: [["bpf_perf_event_output"]], none: ["bpf_trace_printk"] },
      events: "quick-syncs",
      line: "multiple syncs detected, last (?<delta>\\d+) ms ago",
      example: "At time 0.12 s: multiple syncs detected, last 95 ms ago",
      hints: { helpers: 2, values: 1, "lines-match-workload": 1 },
    },
  },
  exercise: {
    starter: "lessons/starters/08-sync_perf_output.ts",
    // Until the child's report says which helpers ran, these stand in for "helpers".
    sourceChecks: [
      { id: "perf-output", pattern: "BPF_PERF_OUTPUT\\s*\\(", must: true, as: "helpers" },
      { id: "no-trace-printk", pattern: "bpf_trace_printk", must: false, as: "helpers" },
    ],
    hints: 3,
  },
});

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
  trigger: [{ kind: "exec", argv: ["sync"], times: 3, gapMs: 100 }],
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
  exercise: {
    starter: "lessons/starters/08-sync_perf_output.ts",
    sourceChecks: [
      { id: "perf-output", pattern: "BPF_PERF_OUTPUT\\s*\\(", must: true },
      { id: "perf-submit", pattern: "\\.perf_submit\\s*\\(", must: true },
      { id: "open-perf-buffer", pattern: "\\.openPerfBuffer\\s*\\(", must: true },
      { id: "no-trace-printk", pattern: "bpf_trace_printk", must: false },
    ],
    hints: 3,
  },
});

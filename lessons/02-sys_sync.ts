import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "sys_sync",
  number: 2,
  kind: "exercise",
  answer: "answers/02-sys_sync.ts",
  // kprobe__ functions attach themselves to the kernel function they name;
  // on a kernel without kprobes, the sync syscall's tracepoint does the same.
  c: {
    original: `int kprobe__sys_sync(void *ctx) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
    portable: `TRACEPOINT_PROBE(syscalls, sys_enter_sync) { bpf_trace_printk("sys_sync() called\\n"); return 0; }`,
  },
  variants: [
    { name: "original", probe: "kprobe __x64_sys_sync (kprobe__sys_sync)", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint syscalls:sys_enter_sync", needs: ["tracepoint:syscalls:sys_enter_sync"] },
  ],
  // A random number of syncs per check, so printing a fixed number of lines fails.
  trigger: [{ kind: "syncs", count: [2, 5], quickGapMs: [50, 150] }],
  expect: {
    header: ["Tracing sys_sync()... Ctrl-C to end."],
    cleanExit: true,
    judge: {
      // The sync syscall in any correct form: its kprobe, its enter or exit tracepoint.
      attach: ["tracepoint:syscalls:sys_enter_sync", "tracepoint:syscalls:sys_exit_sync", "kprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/", "kretprobe:/^(__x64_|__arm64_|__ia32_)?sys_sync$/"],
      // One line per sync the workload ran (± what other processes did), whatever else the line holds.
      events: "each-sync",
      line: "sys_sync\\(\\) called",
      example: "sync-4242 [001] ...21 1234.56: bpf_trace_printk: sys_sync() called",
      hints: { attach: 2, "lines-match-workload": 2, banner: 3, "clean-exit": 3 },
    },
  },
  exercise: {
    starter: "lessons/starters/02-sys_sync.ts",
    hints: 3,
  },
});

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
  trigger: [{ kind: "exec", argv: ["sync"], times: 2, gapMs: 100 }],
  expect: {
    header: ["Tracing sys_sync()... Ctrl-C to end."],
    lines: [{ pattern: "sys_sync\\(\\) called", example: "sync-4242 [001] ...21 1234.56: bpf_trace_printk: sys_sync() called", min: 2 }],
    cleanExit: true,
  },
  exercise: {
    starter: "lessons/starters/02-sys_sync.ts",
    sourceChecks: [{ id: "message", pattern: "sys_sync\\(\\) called", must: true }],
    hints: 3,
  },
});

import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "hello_world",
  number: 1,
  kind: "example",
  answer: "answers/01-hello_world.ts",
  // A function whose name starts with kprobe__ attaches itself to the kernel
  // function named by the rest of its name (sys_clone: __x64_sys_clone on
  // x86-64). TRACEPOINT_PROBE(category, event) does the same for a
  // tracepoint: it names the function tracepoint__syscalls__sys_enter_clone,
  // another prefix that attaches itself. New processes come from clone() or,
  // with a modern libc, from clone3(): both are traced.
  c: {
    original: `
int kprobe__sys_clone(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }
int kprobe__sys_clone3(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }
`,
    portable: `
TRACEPOINT_PROBE(syscalls, sys_enter_clone) { bpf_trace_printk("Hello, World!\\n"); return 0; }
TRACEPOINT_PROBE(syscalls, sys_enter_clone3) { bpf_trace_printk("Hello, World!\\n"); return 0; }
`,
  },
  variants: [
    {
      name: "original",
      probe: "kprobes __x64_sys_clone and __x64_sys_clone3 (kprobe__sys_clone, kprobe__sys_clone3)",
      needs: ["kprobe"],
    },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_clone and syscalls:sys_enter_clone3",
      needs: ["tracepoint:syscalls:sys_enter_clone", "tracepoint:syscalls:sys_enter_clone3"],
    },
  ],
  // Each new process starts with a clone() or clone3() call from its parent.
  trigger: [{ kind: "exec", argv: ["/bin/true"], times: 5, gapMs: 50 }],
  expect: {
    lines: [
      {
        pattern: "-\\d+ +\\[\\d+\\] .*\\d+\\.\\d+: .*Hello, World!$",
        example: "            node-4242    [001] ...21   367.297407: bpf_trace_printk: Hello, World!",
        min: 3,
      },
    ],
  },
});

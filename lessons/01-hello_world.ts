import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "hello_world",
  number: 1,
  kind: "example",
  answer: "answers/01-hello_world.ts",
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

import { defineLesson } from "../src/lesson/schema.ts";

const prog = `
int hello(void *ctx) {
    bpf_trace_printk("Hello, World!\\n");
    return 0;
}
`;

export default defineLesson({
  id: "hello_fields",
  number: 3,
  kind: "example",
  answer: "answers/03-hello_fields.ts",
  // One program for both variants: hello() has no kprobe__ or tracepoint__
  // prefix, so nothing attaches it until the answer asks, to a kprobe or to
  // a tracepoint.
  c: { original: prog, portable: prog },
  variants: [
    {
      name: "original",
      probe: "kprobes __x64_sys_clone and __x64_sys_clone3 (attachKprobe)",
      needs: ["kprobe"],
    },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_clone and syscalls:sys_enter_clone3 (attachTracepoint)",
      needs: ["tracepoint:syscalls:sys_enter_clone", "tracepoint:syscalls:sys_enter_clone3"],
    },
  ],
  trigger: [{ kind: "exec", argv: ["/bin/true"], times: 5, gapMs: 50 }],
  expect: {
    header: ["TIME(s)            COMM             PID    MESSAGE"],
    lines: [
      {
        pattern: "^\\d+\\.\\d{9} +.{1,16} +\\d+ +Hello, World!$",
        example: "367.297407000      node             4242   Hello, World!",
        min: 3,
      },
    ],
  },
});

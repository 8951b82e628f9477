import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "hello_perf_output",
  number: 7,
  kind: "example",
  answer: "answers/07-hello_perf_output.ts",
  variants: [
    { name: "original", probe: "kprobe __x64_sys_clone", needs: ["kprobe", "perf_buffer"] },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_clone and syscalls:sys_enter_clone3",
      needs: ["tracepoint:syscalls:sys_enter_clone", "tracepoint:syscalls:sys_enter_clone3", "perf_buffer"],
    },
  ],
  trigger: [{ kind: "exec", argv: ["/bin/true"], times: 5, gapMs: 50 }],
  expect: {
    header: ["TIME(s)            COMM             PID    MESSAGE"],
    lines: [
      {
        // Per-CPU rings are read one after the other, so an event can come
        // in after a later one from another CPU: its time may be negative.
        pattern: "^-?\\d+\\.\\d{9} +\\S.* +\\d+ +Hello, perf_output!$",
        example: "0.000305753        node             4242   Hello, perf_output!",
        min: 3,
      },
      {
        // Time counts from the first event.
        pattern: "^0\\.000000000 ",
        example: "0.000000000        node             4242   Hello, perf_output!",
        min: 1,
      },
    ],
  },
});

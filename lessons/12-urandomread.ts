import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "urandomread",
  number: 12,
  kind: "example",
  answer: "answers/12-urandomread.ts",
  variants: [
    { name: "original", probe: "tracepoint random:urandom_read", needs: ["tracepoint:random:urandom_read"] },
    { name: "portable", probe: "tracepoint syscalls:sys_exit_getrandom", needs: ["tracepoint:syscalls:sys_exit_getrandom"] },
  ],
  // dd reads /dev/urandom with read(2): the original's tracepoint sees it.
  // getrandom(2) calls: the portable variant's tracepoint sees those.
  trigger: [
    { kind: "exec", argv: ["dd", "if=/dev/urandom", "of=/dev/null", "bs=8k", "count=5"] },
    { kind: "getrandom", bytes: 32, times: 3 },
  ],
  expect: {
    header: ["TIME(s)            COMM             PID    GOTBITS"],
    lines: [
      {
        pattern: "^\\d+\\.\\d{9} +\\S.* +\\d+ +\\d+$",
        example: "2067.633577000     python3          19502  256",
        min: 3,
      },
    ],
  },
});

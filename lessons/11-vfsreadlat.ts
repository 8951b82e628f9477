import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "vfsreadlat",
  number: 11,
  kind: "example",
  answer: "answers/11-vfsreadlat.ts",
  cFiles: ["answers/11-vfsreadlat.c"],
  variants: [
    { name: "original", probe: "kprobe and kretprobe vfs_read", needs: ["kprobe"] },
    {
      name: "portable",
      probe: "tracepoints syscalls:sys_enter_read and syscalls:sys_exit_read",
      needs: ["tracepoint:syscalls:sys_enter_read", "tracepoint:syscalls:sys_exit_read"],
    },
  ],
  // Three one-second histograms; reads all along the three seconds.
  args: ["1", "3"],
  trigger: [{ kind: "exec", argv: ["dd", "if=/dev/zero", "of=/dev/null", "bs=4k", "count=200", "status=none"], times: 10, gapMs: 250 }],
  stop: "exit",
  expect: {
    header: ["Tracing... Hit Ctrl-C to end."],
    lines: [
      { pattern: "^\\s+usecs\\s+: count\\s+distribution$", example: "     usecs               : count     distribution", min: 3 },
    ],
    predicates: ["histogram-nonzero"],
    cleanExit: true,
  },
});

import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "disksnoop",
  number: 6,
  kind: "example",
  answer: "answers/06-disksnoop.ts",
  variants: [
    { name: "original", probe: "kprobes blk_mq_start_request and blk_update_request", needs: ["kprobe"] },
    {
      name: "portable",
      probe: "tracepoints block:block_rq_issue and block:block_rq_complete",
      needs: ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete"],
    },
  ],
  trigger: [{ kind: "disk-io", bytes: [4096, 65536] }],
  expect: {
    header: ["TIME(s)            T  BYTES    LAT(ms)"],
    lines: [
      { pattern: "^\\d+\\.\\d{6}\\s+R\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2592.594319        R  4096        0.11", min: 1 },
      { pattern: "^\\d+\\.\\d{6}\\s+W\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2592.591733        W  4096        0.11", min: 1 },
    ],
  },
});

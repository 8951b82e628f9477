import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "disksnoop_fixed",
  number: 13,
  kind: "exercise",
  answer: "answers/13-disksnoop_fixed.ts",
  variants: [
    {
      name: "original",
      probe: "tracepoints block:block_rq_issue and block:block_rq_complete",
      needs: ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete"],
    },
  ],
  trigger: [{ kind: "disk-io", bytes: [4096, 65536] }],
  expect: {
    header: ["TIME(s)            T  BYTES    LAT(ms)"],
    lines: [
      { pattern: "^\\d+\\.\\d{6}\\s+R\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.780305        R  4096        0.31", min: 1 },
      { pattern: "^\\d+\\.\\d{6}\\s+W\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.780305        W  4096        0.31", min: 1 },
    ],
    judge: {
      // The block layer's tracepoints, issue and completion (the lesson's point: no kprobes).
      attachAll: [["tracepoint:block:block_rq_issue"], ["tracepoint:block:block_rq_complete"]],
      // Latencies measured on the same requests as the reference answer's.
      reference: "latency",
      hints: { attach: 1, latency: 2 },
    },
  },
  exercise: {
    starter: "lessons/starters/13-disksnoop_fixed.ts",
    hints: 3,
  },
});

import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "disklatency",
  number: 10,
  kind: "exercise",
  answer: "answers/10-disklatency.ts",
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
    lines: [
      { pattern: "^\\s+[um]secs\\s+: count\\s+distribution$", example: "     usecs               : count     distribution", min: 1 },
    ],
    predicates: ["histogram-nonzero"],
    cleanExit: true,
  },
  exercise: {
    starter: "lessons/starters/10-disklatency.ts",
    sourceChecks: [
      { id: "histogram", pattern: "BPF_HISTOGRAM", must: true },
      { id: "print-hist", pattern: "printLog2Hist", must: true },
    ],
    hints: 3,
  },
});

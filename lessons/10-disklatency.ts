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
    cleanExit: true,
    judge: {
      // A request's start and its completion, in any correct form.
      attachAll: [["tracepoint:block:block_rq_issue", "kprobe:/^(blk_mq_start_request|blk_start_request)$/"], ["tracepoint:block:block_rq_complete", "kprobe:/^(blk_update_request|blk_account_io_done|blk_mq_end_request|__blk_account_io_done)$/"]],
      // The reference answer runs beside it on the same requests: same count, same units.
      reference: "histogram",
      hints: { histogram: 3, attach: 1 },
    },
  },
  exercise: {
    starter: "lessons/starters/10-disklatency.ts",
    hints: 3,
  },
});

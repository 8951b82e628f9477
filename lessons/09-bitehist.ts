import { defineLesson } from "../src/lesson/schema.ts";

export default defineLesson({
  id: "bitehist",
  number: 9,
  kind: "example",
  answer: "answers/09-bitehist.ts",
  variants: [
    { name: "original", probe: "kprobe blk_update_request (kprobe__blk_update_request)", needs: ["kprobe"] },
    { name: "portable", probe: "tracepoint block:block_rq_issue", needs: ["tracepoint:block:block_rq_issue"] },
  ],
  trigger: [{ kind: "disk-io", bytes: [4096, 16384, 131072] }],
  expect: {
    header: ["Tracing... Hit Ctrl-C to end."],
    lines: [
      { pattern: "^\\s+kbytes\\s+: count\\s+distribution$", example: "     kbytes              : count     distribution", min: 1 },
    ],
    predicates: ["histogram-nonzero"],
    cleanExit: true,
  },
});

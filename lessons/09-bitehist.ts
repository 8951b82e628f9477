import { defineLesson } from "../src/lesson/schema.ts";

// The variants differ in the probe and where the size comes from: the
// kernel's struct request at completion (a kprobe), or the block_rq_issue
// tracepoint's bytes field.
const original = `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HISTOGRAM(dist);

int kprobe__blk_update_request(struct pt_regs *ctx, struct request *req) {
    // one more request in the slot of log2(size in kbytes)
    dist.increment(bpf_log2l(req->__data_len / 1024));
    return 0;
}
`;

const portable = `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HISTOGRAM(dist);

TRACEPOINT_PROBE(block, block_rq_issue) {
    // one more request in the slot of log2(size in kbytes)
    dist.increment(bpf_log2l(args->bytes / 1024));
    return 0;
}
`;

export default defineLesson({
  id: "bitehist",
  number: 9,
  kind: "example",
  answer: "answers/09-bitehist.ts",
  c: { original, portable },
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

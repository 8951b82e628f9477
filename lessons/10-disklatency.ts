import { defineLesson } from "../src/lesson/schema.ts";

// Both variants record a start time per request and, at completion, add
// the time it took (in microseconds) to the log2 histogram "dist".

// With kprobes, as in lesson 6: the request's address is the key.
const original = `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HASH(start, struct request *);
BPF_HISTOGRAM(dist);

void trace_start(struct pt_regs *ctx, struct request *req) {
    u64 ts = bpf_ktime_get_ns();
    start.update(&req, &ts);
}

void trace_completion(struct pt_regs *ctx, struct request *req) {
    u64 *tsp = start.lookup(&req);
    if (tsp != 0) {
        u64 delta = bpf_ktime_get_ns() - *tsp;
        dist.increment(bpf_log2l(delta / 1000));
        start.delete(&req);
    }
}
`;

// Without kprobes: the block tracepoints, keyed by (device, first sector).
const portable = `
struct key_t {
    u64 dev;
    u64 sector;
};

BPF_HASH(start, struct key_t);
BPF_HISTOGRAM(dist);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp != 0) {
        u64 delta = bpf_ktime_get_ns() - *tsp;
        dist.increment(bpf_log2l(delta / 1000));
        start.delete(&key);
    }
    return 0;
}
`;

export default defineLesson({
  id: "disklatency",
  number: 10,
  kind: "exercise",
  answer: "answers/10-disklatency.ts",
  c: { original, portable },
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

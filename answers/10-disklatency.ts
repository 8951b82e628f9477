// Lesson 10, disklatency (exercise): a histogram of block I/O latency.
// Lesson 6 times each request; lesson 9 counts values in a log2 histogram.
// Here each latency goes into the histogram instead of onto a line, and
// the histogram is printed when you press Ctrl-C.
//
// Run it: npx tsx answers/10-disklatency.ts   (then make some disk I/O,
// e.g. dd if=/dev/zero of=f bs=4k count=16 oflag=direct; Ctrl-C to print)
import { BPF, lessonVariant } from "bcc-tutor";

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

const variant = lessonVariant();
const b = new BPF({ text: variant === "original" ? original : portable });
await b.ready;
if (variant === "original") {
  // the same probes as lesson 6 (see there why these functions)
  if (BPF.ksymname("blk_start_request") !== -1n) b.attachKprobe({ event: "blk_start_request", fnName: "trace_start" });
  b.attachKprobe({ event: "blk_mq_start_request", fnName: "trace_start" });
  b.attachKprobe({ event: "blk_update_request", fnName: "trace_completion" });
}

console.log("Tracing block device I/O... Hit Ctrl-C to end.");

// The histogram is read once, when Ctrl-C ends the tracing.
process.on("SIGINT", () => {
  console.log();
  b.table("dist").printLog2Hist("usecs");
  b.close();
  process.exit(0);
});

setInterval(() => {}, 60_000); // keeps Node running until then

// expect: pass
// why: chooses kprobes or tracepoints with lessonVariant(), as the starter suggests; the histogram declared with a u64 key
import { BPF, lessonVariant } from "bcc-tutor";

const variant = lessonVariant();
const text = variant === "original" ? `
#include <linux/blk-mq.h>
BPF_HASH(start, struct request *);
BPF_HISTOGRAM(dist, u64);
void trace_start(struct pt_regs *ctx, struct request *req) {
    u64 ts = bpf_ktime_get_ns();
    start.update(&req, &ts);
}
void trace_completion(struct pt_regs *ctx, struct request *req) {
    u64 *tsp = start.lookup(&req);
    if (tsp) {
        u64 slot = bpf_log2l((bpf_ktime_get_ns() - *tsp) / 1000);
        dist.increment(slot);
        start.delete(&req);
    }
}
` : `
struct key_t { u64 dev; u64 sector; };
BPF_HASH(start, struct key_t);
BPF_HISTOGRAM(dist, u64);
TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}
TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp) {
        u64 slot = bpf_log2l((bpf_ktime_get_ns() - *tsp) / 1000);
        dist.increment(slot);
        start.delete(&key);
    }
    return 0;
}
`;
const b = new BPF({ text });
await b.ready;
if (variant === "original") {
  b.attachKprobe({ event: "blk_mq_start_request", fnName: "trace_start" });
  b.attachKprobe({ event: "blk_update_request", fnName: "trace_completion" });
}
console.log("Tracing block device I/O... Hit Ctrl-C to end.");
process.once("SIGINT", () => {
  console.log("");
  b.table("dist").printLog2Hist("usecs");
  b.close();
  process.exit(0);
});
setInterval(() => {}, 1000);

// expect: pass
// why: latencies in milliseconds, printed under the msecs label
import { BPF } from "bcc-tutor";

const b = new BPF({ text: `
struct key_t { u64 dev; u64 sector; };
BPF_HASH(start, struct key_t);
BPF_HISTOGRAM(dist);

int on_issue(struct tracepoint__block__block_rq_issue *args) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

int on_complete(struct tracepoint__block__block_rq_complete *args) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp != 0) {
        u64 ms = (bpf_ktime_get_ns() - *tsp) / 1000000;
        dist.increment(bpf_log2l(ms));
        start.delete(&key);
    }
    return 0;
}
` });
await b.ready;
b.attachTracepoint({ tp: "block:block_rq_issue", fnName: "on_issue" });
b.attachTracepoint({ tp: "block:block_rq_complete", fnName: "on_complete" });
console.log("Tracing block device I/O... Hit Ctrl-C to end.");
process.on("SIGINT", () => {
  b.table("dist").printLog2Hist("msecs");
  b.close();
  process.exit(0);
});
setInterval(() => {}, 1000);

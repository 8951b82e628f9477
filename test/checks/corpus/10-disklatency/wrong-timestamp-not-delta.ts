// expect: fail histogram
// why: puts the completion timestamp in the histogram instead of the time since issue
import { BPF } from "bcc-tutor";

const b = await BPF.create({ text: `
struct key_t { u64 dev; u64 sector; };
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
    if (tsp) {
        dist.increment(bpf_log2l(bpf_ktime_get_ns() / 1000));
        start.delete(&key);
    }
    return 0;
}
` });
console.log("Tracing block device I/O... Hit Ctrl-C to end.");
process.on("SIGINT", () => {
  console.log();
  b.table("dist").printLog2Hist("usecs");
  b.close();
  process.exit(0);
});
setInterval(() => {}, 1000);

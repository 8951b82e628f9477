// expect: fail histogram
// why: keys the start time by thread id, so completions (in interrupt context) rarely find their start
import { BPF } from "bcc-tutor";

const b = await BPF.create({ text: `
BPF_HASH(start, u32);
BPF_HISTOGRAM(dist);
TRACEPOINT_PROBE(block, block_rq_issue) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 ts = bpf_ktime_get_ns();
    start.update(&tid, &ts);
    return 0;
}
TRACEPOINT_PROBE(block, block_rq_complete) {
    u32 tid = bpf_get_current_pid_tgid();
    u64 *tsp = start.lookup(&tid);
    if (tsp) {
        dist.increment(bpf_log2l((bpf_ktime_get_ns() - *tsp) / 1000));
        start.delete(&tid);
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

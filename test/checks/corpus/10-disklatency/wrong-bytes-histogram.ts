// expect: fail histogram
// why: copies lesson 9 and counts request sizes under a usecs heading instead of latencies
import { BPF } from "bcc-tutor";

const b = await BPF.create({ text: `
BPF_HISTOGRAM(dist);
TRACEPOINT_PROBE(block, block_rq_complete) {
    dist.increment(bpf_log2l(args->nr_sector * 512));
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

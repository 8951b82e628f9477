// Lesson 9, bitehist: a histogram of block I/O sizes, counted in the kernel
// and printed as a log2 histogram when you press Ctrl-C.
//
// Run it: npx tsx answers/09-bitehist.ts   (then make some disk I/O of
// different sizes, e.g. dd if=/dev/zero of=f bs=64k count=4 oflag=direct;
// Ctrl-C to print the histogram)
import { BPF, lessonVariant } from "bcc-tutor";

// The tutorial counts each request when it completes, reading its size from
// the kernel's struct request (a kprobe__ function attaches by its name).
// Without kprobes, the block_rq_issue tracepoint hands over the same size
// in its bytes field when the request is sent to the device.
const variant = lessonVariant();
const probe =
  variant === "original"
    ? "int kprobe__blk_update_request(struct pt_regs *ctx, struct request *req)"
    : "TRACEPOINT_PROBE(block, block_rq_issue)";
const bytes = variant === "original" ? "req->__data_len" : "args->bytes";

const text = `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HISTOGRAM(dist);

${probe} {
    // one more request in the slot of log2(size in kbytes)
    dist.increment(bpf_log2l(${bytes} / 1024));
    return 0;
}
`;

const b = await BPF.create({ text });
console.log("Tracing... Hit Ctrl-C to end.");

// The counts stay in the kernel until Ctrl-C: then read them once and draw.
process.on("SIGINT", () => {
  console.log();
  b.table("dist").printLog2Hist("kbytes");
  b.close();
  process.exit(0);
});

// Nothing to do until then, but a pending timer keeps Node running.
setInterval(() => {}, 60_000);

// Lesson 9, bitehist: a histogram of block I/O sizes, counted in the kernel
// and printed as a log2 histogram when you press Ctrl-C.
//
// Run it: npx tsx answers/09-bitehist.ts   (then make some disk I/O of
// different sizes, e.g. dd if=/dev/zero of=f bs=64k count=4 oflag=direct;
// Ctrl-C to print the histogram)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/09-bitehist.ts";

// The C program is kept with the lesson (lessons/09-bitehist.ts), one text
// per variant. Each adds one to the BPF_HISTOGRAM named dist, in the slot
// bpf_log2l() gives for the request's size in kbytes. The tutorial counts
// each request when it completes, reading its size from the kernel's
// struct request (a kprobe__ function attaches by its name); without
// kprobes, the block_rq_issue tracepoint hands over the same size in its
// bytes field when the request is sent to the device.
const text = lesson.c[lessonVariant()];

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

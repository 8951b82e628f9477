// Lesson 10, disklatency (exercise): a histogram of block I/O latency.
// Lesson 6 times each request; lesson 9 counts values in a log2 histogram.
// Here each latency goes into the histogram instead of onto a line, and
// the histogram is printed when you press Ctrl-C.
//
// Run it: npx tsx answers/10-disklatency.ts   (then make some disk I/O,
// e.g. dd if=/dev/zero of=f bs=4k count=16 oflag=direct; Ctrl-C to print)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/10-disklatency.ts";

// The C program is kept with the lesson (lessons/10-disklatency.ts), one
// text per variant. Both record a start time per request in a BPF_HASH and,
// at completion, add the time it took (in microseconds) to the log2
// BPF_HISTOGRAM named dist.
const variant = lessonVariant();
const b = new BPF({ text: lesson.c[variant] });
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

// Lesson 6, disksnoop: time every block I/O request from the moment the
// driver starts it to its completion, and print one line per request.
//
// Run it: npx tsx answers/06-disksnoop.ts   (then make some disk I/O, e.g.
// dd if=/dev/zero of=f bs=4k count=4 oflag=direct; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";
import lesson from "../lessons/06-disksnoop.ts";

// The C program is kept with the lesson (lessons/06-disksnoop.ts), one text
// per variant. Both stash a start time in a BPF_HASH named start when a
// request is issued, and at its completion print (with bpf_trace_printk())
// its operation letter, its size in bytes and its latency in microseconds.
// The original's kprobes get the kernel's own struct request pointer, which
// is the key; the portable variant's tracepoints get no pointer, so it keys
// each request by its device and first sector.
const variant = lessonVariant();
const b = new BPF({ text: lesson.c[variant] });
await b.ready;

if (variant === "original") {
  // Request start: blk_start_request on old single-queue kernels (before
  // 5.0), blk_mq_start_request on every multi-queue one. ksymname() returns
  // -1 for a function this kernel does not have.
  if (BPF.ksymname("blk_start_request") !== -1n) b.attachKprobe({ event: "blk_start_request", fnName: "trace_start" });
  b.attachKprobe({ event: "blk_mq_start_request", fnName: "trace_start" });
  // Completion: blk_update_request() runs when the device reports the bytes
  // done, before they are subtracted, so req->__data_len is still the size.
  b.attachKprobe({ event: "blk_update_request", fnName: "trace_completion" });
}
// (the TRACEPOINT_PROBEs attached themselves)

console.log(`${"TIME(s)".padEnd(18)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

// trace_pipe is shared by every BPF program on the machine: skip any line
// that is not one of ours ("<op> <bytes> <usecs>").
for await (const { ts, msg } of b.traceFields()) {
  const m = /^([A-Z]) (\d+) (\d+)$/.exec(msg);
  if (!m) continue;
  const [, op = "", bytes = "", us = ""] = m;
  const ms = (Number(us) / 1000).toFixed(2);
  console.log(`${ts.toFixed(6).padEnd(18)} ${op.padEnd(2)} ${bytes.padEnd(7)} ${ms.padStart(8)}`);
}

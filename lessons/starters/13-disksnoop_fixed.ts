// Exercise 13: disksnoop_fixed
//
// Rewrite lesson 6 (disksnoop) on the block layer's tracepoints:
// block:block_rq_issue when a request is sent to the device, and
// block:block_rq_complete when it is done. No kprobes: the tracepoints are
// a stable interface that works on kernels where kprobes are missing or
// where the functions lesson 6 probes were renamed.
//
// Print the same table as lesson 6, header first:
//   TIME(s)            T  BYTES    LAT(ms)
//   2033.780305        W  4096        0.31
// one row per completed request: a time in seconds, the operation
// (R, W...), its size in bytes and its latency in milliseconds.
//
// The fields each tracepoint hands over are listed in
//   /sys/kernel/tracing/events/block/block_rq_issue/format
//   /sys/kernel/tracing/events/block/block_rq_complete/format
// Test it: make some disk I/O in another terminal, e.g.
//   dd if=/dev/zero of=f bs=4k count=4 oflag=direct
// Check it: `bcc-tutor check 13`.
import { BPF } from "bcc-tutor";

// TODO: the BPF C program: a hash of start times, filled at issue and read
// (then deleted) at completion. What key can both tracepoints build for
// the same request?
const text = ``;

// TODO: compile it (TRACEPOINT_PROBE functions attach by themselves).

// TODO: print the header, then one row per completed request (through
// trace_pipe as in lesson 6, or a perf buffer as in lesson 7).
void text;
void BPF;

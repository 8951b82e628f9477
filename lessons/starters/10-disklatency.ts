// Exercise 10: disklatency
//
// Write a program that measures how long each block I/O request takes
// (from the moment it is sent to the device to its completion) and counts
// the latencies, in microseconds, in a log2 histogram kept by the kernel.
// Print "Tracing block device I/O... Hit Ctrl-C to end." when tracing
// starts; on Ctrl-C, print the histogram with the label "usecs" and exit
// cleanly (exit code 0).
//
// Lesson 6 (disksnoop) times the requests; lesson 9 (bitehist) builds and
// prints a histogram. Test it: run some disk I/O in another terminal, e.g.
//   dd if=/dev/zero of=f bs=4k count=16 oflag=direct
// Check it: `bcc-tutor check 10`.
import { BPF, lessonVariant } from "bcc-tutor";

// "original": this kernel has kprobes (blk_mq_start_request and
// blk_update_request, as in lesson 6). "portable": use the tracepoints
// block:block_rq_issue and block:block_rq_complete instead.
const variant = lessonVariant();

// TODO: the BPF C program: a hash of start times (lesson 6), a histogram
// map, and at completion the latency in microseconds added to the histogram.
const text = ``;

// TODO: compile it (new BPF({ text }), then await b.ready); with kprobes,
// attach the start and completion functions.

// TODO: print the start banner.

// TODO: on SIGINT, print the histogram ("usecs"), close, exit with code 0.

// TODO: keep the program running until Ctrl-C.
void variant;
void text;
void BPF;

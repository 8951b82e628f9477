import { defineLesson } from "../src/lesson/schema.ts";

// Lesson 6's disk snoop on the block tracepoints, with the step this
// exercise adds: who issued each request. At completion the CPU is
// handling the device's interrupt on top of whatever task happened to be
// running (the idle task, a virtual machine...), so the issuer is recorded
// where the request starts (queued at block_rq_insert, else issued at
// block_rq_issue), kept in the hash beside the start time, and sent with
// the completion through a perf buffer: five values per row, more than
// bpf_trace_printk can format.
const text = `
#include <linux/sched.h>

// A request, as both tracepoints can name it: its device and first sector.
// Both fields are 64-bit, so the key has no padding bytes (the hash would
// compare them too).
struct key_t {
    u64 dev;
    u64 sector;
};

// What the start of a request knows and the completion probe needs.
struct start_t {
    u64 ts;                      // issue time, ns since boot
    u32 pid;                     // the process that asked for the request
    char comm[TASK_COMM_LEN];    // and its name
};
BPF_HASH(start, struct key_t, struct start_t);

// one row of output
struct data_t {
    u64 ts;                      // completion time, ns since boot
    u64 delta_us;                // issue to completion
    u32 pid;
    u32 bytes;
    char comm[TASK_COMM_LEN];
    char op[2];                  // R, W, F (flush), D (discard)...: a one-letter string
};
BPF_PERF_OUTPUT(events);

// A disk with an I/O scheduler queues the request first (insert), in the
// task that asked for it, and a kernel worker may issue it later; the
// task on the CPU at insert is the issuer.
TRACEPOINT_PROBE(block, block_rq_insert) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t s = {};
    // its tgid is the PID
    s.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&s.comm, sizeof(s.comm));
    start.update(&key, &s);
    return 0;
}

// The latency starts at issue. A request that was never queued (a disk
// without a scheduler) is issued by the task that asked for it.
TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 now = bpf_ktime_get_ns();
    struct start_t *queued = start.lookup(&key);
    if (queued != 0) {
        queued->ts = now;
        return 0;
    }
    struct start_t s = {};
    s.ts = now;
    s.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&s.comm, sizeof(s.comm));
    start.update(&key, &s);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t *s = start.lookup(&key);
    if (s == 0 || s->ts == 0)
        return 0;   // issued before we started tracing

    struct data_t data = {};
    data.ts = bpf_ktime_get_ns();
    data.delta_us = (data.ts - s->ts) / 1000;
    data.pid = s->pid;
    __builtin_memcpy(&data.comm, s->comm, sizeof(data.comm));
    // block_rq_complete has no bytes field: count its 512-byte sectors
    data.bytes = args->nr_sector * 512;
    // rwbs is "R", "WS", "FWS"...: a leading F (flush first) precedes the operation
    data.op[0] = args->rwbs[0];
    if (data.op[0] == 'F' && args->rwbs[1] != 0)
        data.op[0] = args->rwbs[1];
    events.perf_submit(args, &data, sizeof(data));
    start.delete(&key);
    return 0;
}
`;

export default defineLesson({
  id: "disksnoop_fixed",
  number: 13,
  kind: "exercise",
  answer: "answers/13-disksnoop_fixed.ts",
  c: { original: text },
  // One program for every kernel: the block tracepoints exist with or
  // without kprobes. On a kprobe kernel lesson 6 ran on kprobes, so the move
  // to tracepoints is new as well; without kprobes, the issuer is the step.
  variants: [
    {
      name: "original",
      probe: "tracepoints block:block_rq_insert, block:block_rq_issue and block:block_rq_complete",
      needs: ["tracepoint:block:block_rq_insert", "tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete", "perf_buffer"],
    },
  ],
  // The workload is dd: 4 direct writes and 4 direct reads per size.
  trigger: [{ kind: "disk-io", bytes: [4096, 65536] }],
  expect: {
    header: ["TIME(s)            COMM             PID    T  BYTES    LAT(ms)"],
    lines: [
      // The workload's own requests, named after the dd that issued them:
      // a program that asks who is running at completion sees another task.
      { pattern: "^\\d+\\.\\d{6}\\s+dd\\s+[1-9]\\d*\\s+W\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.780305        dd               4242   W  4096        0.31", min: 4 },
      { pattern: "^\\d+\\.\\d{6}\\s+dd\\s+[1-9]\\d*\\s+R\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.781112        dd               4243   R  4096        0.12", min: 4 },
    ],
    judge: {
      // A request's start (issue, or insert into the queue, where the issuer
      // is on the CPU too) and its completion, on the block tracepoints.
      attachAll: [["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_insert"], ["tracepoint:block:block_rq_complete"]],
      // The rows go through a buffer of events, not trace_pipe.
      helpers: { anyOf: [["bpf_perf_event_output", "bpf_ringbuf_output", "bpf_ringbuf_submit"]], none: [] },
      // Latencies measured on the same requests as the reference answer's.
      reference: "latency",
      // Each row's PID and name against the dd processes the workload ran,
      // read where the request starts.
      issuer: { min: 4, readAt: ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_insert"] },
      hints: { attach: 1, "lines-match-workload": 1, helpers: 3, latency: 2 },
    },
  },
  exercise: {
    starter: "lessons/starters/13-disksnoop_fixed.ts",
    hints: 3,
  },
});

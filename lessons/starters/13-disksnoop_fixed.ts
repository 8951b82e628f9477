// Exercise 13: disksnoop_fixed
//
// This file is lesson 6's program on the block tracepoints
// (block:block_rq_issue and block:block_rq_complete). It prints when each
// request completed, its operation, size and latency, but not who asked
// for it. Extend it so that every row also names the process that issued
// the request, its command name and PID:
//   TIME(s)            COMM             PID    T  BYTES    LAT(ms)
//   2033.780305        dd               4242   W  4096        0.31
// and send the rows from the kernel through a perf buffer (BPF_PERF_OUTPUT,
// as in lesson 7) or a ring buffer, instead of trace_pipe.
//
// Test it: make some disk I/O in another terminal, e.g.
//   dd if=/dev/zero of=f bs=4k count=4 oflag=direct
// Check it: `bcc-tutor check 13`.
import { BPF } from "bcc-tutor";

const text = `
struct key_t {
    u64 dev;
    u64 sector;
};

// TODO: which process asked for the request? Only its start can tell
// (block_rq_issue, or block_rq_insert where the disk's I/O scheduler queues
// it first and a kernel worker may issue it later): keep it beside the
// start time (a struct value instead of a u64).
BPF_HASH(start, struct key_t);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp != 0) {
        u64 delta = bpf_ktime_get_ns() - *tsp;
        // the letter as a one-character string (5.10 rejects %c)
        char op[2] = { args->rwbs[0], 0 };
        if (op[0] == 'F' && args->rwbs[1] != 0)
            op[0] = args->rwbs[1];
        // TODO: send the row, with the issuer, as one event through a
        // buffer of events: bpf_trace_printk takes three values at most.
        bpf_trace_printk("%s %d %d\\n", op, args->nr_sector * 512, delta / 1000);
        start.delete(&key);
    }
    return 0;
}
`;

const b = await BPF.create({ text });

// TODO: the header with the COMM and PID columns.
console.log(`${"TIME(s)".padEnd(18)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

// TODO: read the events from the buffer instead of trace_pipe.
for await (const { ts, msg } of b.traceFields()) {
  const m = /^([A-Z]) (\d+) (\d+)$/.exec(msg);
  if (!m) continue;
  const [, op = "", bytes = "", us = ""] = m;
  console.log(`${ts.toFixed(6).padEnd(18)} ${op.padEnd(2)} ${bytes.padEnd(7)} ${(Number(us) / 1000).toFixed(2).padStart(8)}`);
}

import { defineLesson } from "../src/lesson/schema.ts";

// The tutorial's program: kprobes whose second argument is the kernel's own
// `struct request *`. The pointer is the hash key (one request, one
// address), and the request's members are read straight from the struct.
const original = `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HASH(start, struct request *);

// The operation as one letter, the way blktrace's rwbs column spells it.
// REQ_OP_* come from the kernel headers: no need to copy them by hand.
static inline char op_letter(unsigned int op) {
    switch (op) {
    case REQ_OP_READ:    return 'R';
    case REQ_OP_WRITE:   return 'W';
    case REQ_OP_FLUSH:   return 'F';
    case REQ_OP_DISCARD: return 'D';
    default:             return 'N';
    }
}

void trace_start(struct pt_regs *ctx, struct request *req) {
    // stash the start timestamp by request pointer
    u64 ts = bpf_ktime_get_ns();
    start.update(&req, &ts);
}

void trace_completion(struct pt_regs *ctx, struct request *req) {
    u64 *tsp = start.lookup(&req);
    if (tsp != 0) {
        u64 delta = bpf_ktime_get_ns() - *tsp;
        // The letter as a one-character string: bpf_trace_printk() on 5.10
        // rejects %c and prints nothing. bcc turns the member reads into
        // bpf_probe_read_kernel() calls.
        char op[2] = { op_letter(req->cmd_flags & REQ_OP_MASK), 0 };
        bpf_trace_printk("%s %d %d\\n", op, req->__data_len, delta / 1000);
        start.delete(&req);
    }
}
`;

// Without kprobes: the block layer's tracepoints fire at the same two
// moments. They pass the request's device and first sector, not its
// address, so the pair (dev, sector) is the key that ties them together.
const portable = `
// Both fields 64-bit: no padding bytes, which the hash would compare too.
struct key_t {
    u64 dev;
    u64 sector;
};

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
        // rwbs is "R", "WS", "FWS"...: a leading F (flush first) comes before the operation
        char op[2] = { args->rwbs[0], 0 };
        if (op[0] == 'F' && args->rwbs[1] != 0)
            op[0] = args->rwbs[1];
        // this tracepoint has no byte count: sectors are 512 bytes; the
        // letter goes out as a string (%s), since 5.10 rejects %c
        bpf_trace_printk("%s %d %d\\n", op, args->nr_sector * 512, delta / 1000);
        start.delete(&key);
    }
    return 0;
}
`;

export default defineLesson({
  id: "disksnoop",
  number: 6,
  kind: "example",
  answer: "answers/06-disksnoop.ts",
  c: { original, portable },
  variants: [
    { name: "original", probe: "kprobes blk_mq_start_request and blk_update_request", needs: ["kprobe"] },
    {
      name: "portable",
      probe: "tracepoints block:block_rq_issue and block:block_rq_complete",
      needs: ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete"],
    },
  ],
  trigger: [{ kind: "disk-io", bytes: [4096, 65536] }],
  expect: {
    header: ["TIME(s)            T  BYTES    LAT(ms)"],
    lines: [
      { pattern: "^\\d+\\.\\d{6}\\s+R\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2592.594319        R  4096        0.11", min: 1 },
      { pattern: "^\\d+\\.\\d{6}\\s+W\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2592.591733        W  4096        0.11", min: 1 },
    ],
  },
});

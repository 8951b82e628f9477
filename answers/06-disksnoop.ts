// Lesson 6, disksnoop: time every block I/O request from the moment the
// driver starts it to its completion, and print one line per request.
//
// Run it: npx tsx answers/06-disksnoop.ts   (then make some disk I/O, e.g.
// dd if=/dev/zero of=f bs=4k count=4 oflag=direct; Ctrl-C to end)
import { BPF, lessonVariant } from "bcc-tutor";

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
        // bcc turns these member reads into bpf_probe_read_kernel() calls
        bpf_trace_printk("%c %d %d\\n", op_letter(req->cmd_flags & REQ_OP_MASK),
                         req->__data_len, delta / 1000);
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
        char op = args->rwbs[0];
        if (op == 'F' && args->rwbs[1] != 0)
            op = args->rwbs[1];
        // this tracepoint has no byte count: sectors are 512 bytes
        bpf_trace_printk("%c %d %d\\n", op, args->nr_sector * 512, delta / 1000);
        start.delete(&key);
    }
    return 0;
}
`;

const variant = lessonVariant();
const b = new BPF({ text: variant === "original" ? original : portable });
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

// expect: fail lines-match-workload
// why: keeps the name at issue but asks for the PID at completion, so the rows say dd with the PID of whatever task the completion interrupt landed on
import { BPF, type PerfEventArray } from "bcc-tutor";

const text = `
#include <linux/sched.h>
struct key_t {
    u64 dev;
    u64 sector;
};
struct who_t {
    u64 ts;
    u32 pid;
    char comm[TASK_COMM_LEN];
};
BPF_HASH(start, struct key_t, struct who_t);

struct row_t {
    u64 ts;
    u64 us;
    u32 pid;
    u32 bytes;
    char comm[TASK_COMM_LEN];
    char op;
};
BPF_PERF_OUTPUT(rows);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct who_t w = {};
    w.ts = bpf_ktime_get_ns();
    w.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&w.comm, sizeof(w.comm));
    start.update(&key, &w);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct who_t *w = start.lookup(&key);
    if (w == 0)
        return 0;
    struct row_t r = {};
    r.ts = bpf_ktime_get_ns();
    r.us = (r.ts - w->ts) / 1000;
    r.pid = bpf_get_current_pid_tgid() >> 32;
    r.bytes = args->nr_sector * 512;
    __builtin_memcpy(&r.comm, w->comm, sizeof(r.comm));
    r.op = args->rwbs[0];
    if (r.op == 'F' && args->rwbs[1] != 0)
        r.op = args->rwbs[1];
    rows.perf_submit(args, &r, sizeof(r));
    start.delete(&key);
    return 0;
}
`;

const b = await BPF.create({ text });
console.log(`${"TIME(s)".padEnd(18)} ${"COMM".padEnd(16)} ${"PID".padEnd(6)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

type Row = { ts: bigint; us: bigint; pid: number; bytes: number; comm: string; op: number };
b.table<PerfEventArray<Row>>("rows").openPerfBuffer((r) => {
  const op = String.fromCharCode(r.op);
  console.log(`${(Number(r.ts) / 1e9).toFixed(6).padEnd(18)} ${r.comm.padEnd(16)} ${String(r.pid).padEnd(6)} ${op.padEnd(2)} ${String(r.bytes).padEnd(7)} ${(Number(r.us) / 1000).toFixed(2).padStart(8)}`);
});
while (true) await b.perfBufferPoll(100);

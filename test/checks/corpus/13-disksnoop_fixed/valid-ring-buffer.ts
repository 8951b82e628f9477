// expect: pass
// why: BPF_RINGBUF_OUTPUT with ringbuf_output instead of a perf buffer, read with openRingBuffer and ringBufferPoll; the op kept as a two-byte string
import { BPF, type RingBuf } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct info_t { u64 ts; u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(start, struct key_t, struct info_t);

struct event_t {
    u64 ts;
    u64 delta_ns;
    u32 pid;
    u32 bytes;
    char comm[TASK_COMM_LEN];
    char op[2];
};
BPF_RINGBUF_OUTPUT(events, 8);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct info_t info = {};
    info.ts = bpf_ktime_get_ns();
    info.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&info.comm, sizeof(info.comm));
    start.update(&key, &info);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct info_t *info = start.lookup(&key);
    if (!info)
        return 0;
    struct event_t e = {};
    e.ts = bpf_ktime_get_ns();
    e.delta_ns = e.ts - info->ts;
    e.pid = info->pid;
    e.bytes = args->nr_sector * 512;
    __builtin_memcpy(&e.comm, info->comm, sizeof(e.comm));
    e.op[0] = args->rwbs[0] == 'F' && args->rwbs[1] ? args->rwbs[1] : args->rwbs[0];
    events.ringbuf_output(&e, sizeof(e), 0);
    start.delete(&key);
    return 0;
}
` });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
b.table<RingBuf<{ ts: bigint; delta_ns: bigint; pid: number; bytes: number; comm: string; op: string }>>("events").openRingBuffer((e) => {
  const t = (Number(e.ts) / 1e9).toFixed(6);
  const ms = (Number(e.delta_ns) / 1e6).toFixed(2);
  console.log(`${t.padEnd(18)} ${e.comm.padEnd(16)} ${String(e.pid).padEnd(6)} ${e.op.padEnd(2)} ${String(e.bytes).padEnd(7)} ${ms.padStart(8)}`);
});
for (;;) await b.ringBufferPoll(200);

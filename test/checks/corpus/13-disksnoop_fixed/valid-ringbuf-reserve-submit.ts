// expect: pass
// why: ring buffer with reserve/submit, an event that carries the issue and completion times, sector keyed by a u64 dev and sector packed differently; the header built from a column table; Ctrl-C handled by the program itself
import { BPF, type RingBuf } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
typedef struct { u64 sector; u64 dev; } rq_id;
typedef struct { u64 when; u64 tgid; char task[TASK_COMM_LEN]; } rq_start;
BPF_HASH(pending, rq_id, rq_start, 10240);
BPF_RINGBUF_OUTPUT(out, 16);

struct ev { u64 now; u64 lat_ns; u64 tgid; u64 size; char task[TASK_COMM_LEN]; char kind; };

TRACEPOINT_PROBE(block, block_rq_issue) {
    rq_id id = {};
    id.sector = args->sector;
    id.dev = args->dev;
    rq_start s = {};
    s.when = bpf_ktime_get_ns();
    s.tgid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(s.task, sizeof(s.task));
    pending.update(&id, &s);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    rq_id id = {};
    id.sector = args->sector;
    id.dev = args->dev;
    rq_start *s = pending.lookup(&id);
    if (!s)
        return 0;
    struct ev *e = out.ringbuf_reserve(sizeof(struct ev));
    if (!e) {
        pending.delete(&id);
        return 0;
    }
    e->now = bpf_ktime_get_ns();
    e->lat_ns = e->now - s->when;
    e->tgid = s->tgid;
    e->size = (u64)args->nr_sector * 512;
    __builtin_memcpy(e->task, s->task, sizeof(e->task));
    char c = args->rwbs[0];
    if (c == 'F' && args->rwbs[1])
        c = args->rwbs[1];
    e->kind = c;
    out.ringbuf_submit(e, 0);
    pending.delete(&id);
    return 0;
}
` });

const columns: Array<[string, number]> = [["TIME(s)", 18], ["COMM", 16], ["PID", 6], ["T", 2], ["BYTES", 7], ["LAT(ms)", -8]];
const row = (vals: string[]) => vals.map((v, i) => { const w = columns[i]![1]; return w < 0 ? v.padStart(-w) : v.padEnd(w); }).join(" ");
console.log(row(columns.map(([h]) => h)));

b.table<RingBuf<{ now: bigint; lat_ns: bigint; tgid: bigint; size: bigint; task: string; kind: number }>>("out").openRingBuffer((e) => {
  console.log(row([(Number(e.now) / 1e9).toFixed(6), e.task, String(e.tgid), String.fromCharCode(e.kind), String(e.size), (Number(e.lat_ns) / 1e6).toFixed(2)]));
});

let running = true;
process.on("SIGINT", () => { running = false; });
while (running) await b.ringBufferPoll(100);
b.close();

// expect: pass
// why: start times and issuers in two hashes (as biosnoop's start and infobyreq), functions attached by hand with attachTracepoint, the latency worked out in TypeScript from the two timestamps sent
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = new BPF({ text: `
#include <linux/sched.h>
struct req_t { u64 dev; u64 sector; };
struct who_t { u32 pid; char name[TASK_COMM_LEN]; };
BPF_HASH(issued_at, struct req_t, u64);
BPF_HASH(issued_by, struct req_t, struct who_t);

struct done_t {
    u64 issued_ns;
    u64 done_ns;
    u32 pid;
    u32 sectors;
    char name[TASK_COMM_LEN];
    char rwbs[8];
};
BPF_PERF_OUTPUT(done);

int on_issue(struct tracepoint__block__block_rq_issue *args) {
    struct req_t r = {};
    r.dev = args->dev;
    r.sector = args->sector;
    u64 now = bpf_ktime_get_ns();
    struct who_t who = {};
    who.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&who.name, sizeof(who.name));
    issued_at.update(&r, &now);
    issued_by.update(&r, &who);
    return 0;
}

int on_complete(struct tracepoint__block__block_rq_complete *args) {
    struct req_t r = {};
    r.dev = args->dev;
    r.sector = args->sector;
    u64 *t0 = issued_at.lookup(&r);
    struct who_t *who = issued_by.lookup(&r);
    if (t0 == 0 || who == 0)
        return 0;
    struct done_t d = {};
    d.issued_ns = *t0;
    d.done_ns = bpf_ktime_get_ns();
    d.pid = who->pid;
    d.sectors = args->nr_sector;
    __builtin_memcpy(d.name, who->name, sizeof(d.name));
    bpf_probe_read_kernel(d.rwbs, sizeof(d.rwbs), args->rwbs);
    done.perf_submit(args, &d, sizeof(d));
    issued_at.delete(&r);
    issued_by.delete(&r);
    return 0;
}
` });
await b.ready;
b.attachTracepoint({ tp: "block:block_rq_issue", fnName: "on_issue" });
b.attachTracepoint({ tp: "block:block_rq_complete", fnName: "on_complete" });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
interface Done { issued_ns: bigint; done_ns: bigint; pid: number; sectors: number; name: string; rwbs: string }
b.table<PerfEventArray<Done>>("done").openPerfBuffer((d) => {
  // rwbs is "W", "WS", "FWS", "R"...: skip a leading flush flag
  const op = d.rwbs.startsWith("F") && d.rwbs.length > 1 ? d.rwbs[1]! : d.rwbs[0] ?? "?";
  const ms = Number(d.done_ns - d.issued_ns) / 1e6;
  const line = [(Number(d.done_ns) / 1e9).toFixed(6).padEnd(18), d.name.padEnd(16), String(d.pid).padEnd(6), op.padEnd(2), String(d.sectors * 512).padEnd(7), ms.toFixed(2).padStart(8)];
  console.log(line.join(" "));
});
setInterval(() => b.perfBufferPoll(0), 50);

// Lesson 13, disksnoop_fixed (exercise): lesson 6's disk I/O snoop, on the
// block layer's tracepoints instead of kprobes on kernel functions.
//
// Run it: npx tsx answers/13-disksnoop_fixed.ts   (then make some disk I/O,
// e.g. dd if=/dev/zero of=f bs=4k count=4 oflag=direct; Ctrl-C to end)
import { BPF, type PerfEventArray } from "bcc-tutor";

// Tracepoints are a stable interface: their fields are listed in
// /sys/kernel/tracing/events/block/block_rq_issue/format (and
// .../block_rq_complete/format), and TRACEPOINT_PROBE reads them as args->.
const text = `
// A request, as both tracepoints can name it: its device and first sector.
// (The request's address, lesson 6's key, is not among their fields; and
// the thread id would not do: a request completes in interrupt context, in
// whatever thread happened to be running.) Both fields are 64-bit, so the
// key has no padding bytes, which the hash would compare too.
struct key_t {
    u64 dev;
    u64 sector;
};
BPF_HASH(start, struct key_t);

// one line of output
struct data_t {
    u64 ts;        // completion time, ns since boot
    u64 delta_us;  // issue to completion
    u32 bytes;
    char op[2];    // R, W, F (flush), D (discard)...: a one-letter string
};
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    u64 *tsp = start.lookup(&key);
    if (tsp == 0)
        return 0;   // issued before we started tracing

    struct data_t data = {};
    data.ts = bpf_ktime_get_ns();
    data.delta_us = (data.ts - *tsp) / 1000;
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

// One event as it arrives here: u64 → bigint, u32 → number, char[2] → string.
interface Data {
  ts: bigint;
  delta_us: bigint;
  bytes: number;
  op: string;
}

const b = await BPF.create({ text });
// (both TRACEPOINT_PROBEs attached themselves)

console.log(`${"TIME(s)".padEnd(18)} ${"T".padEnd(2)} ${"BYTES".padEnd(7)} ${"LAT(ms)".padStart(8)}`);

b.table<PerfEventArray<Data>>("events").openPerfBuffer((event) => {
  const time = (Number(event.ts) / 1e9).toFixed(6);
  const ms = (Number(event.delta_us) / 1000).toFixed(2);
  console.log(`${time.padEnd(18)} ${event.op.padEnd(2)} ${String(event.bytes).padEnd(7)} ${ms.padStart(8)}`);
});

// Ctrl-C ends the program (the binding detaches the probes first).
for (;;) await b.perfBufferPoll();

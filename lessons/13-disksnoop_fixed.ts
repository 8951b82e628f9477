import { defineLesson } from "../src/lesson/schema.ts";

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

export default defineLesson({
  id: "disksnoop_fixed",
  number: 13,
  kind: "exercise",
  answer: "answers/13-disksnoop_fixed.ts",
  c: { original: text },
  variants: [
    {
      name: "original",
      probe: "tracepoints block:block_rq_issue and block:block_rq_complete",
      needs: ["tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete"],
    },
  ],
  trigger: [{ kind: "disk-io", bytes: [4096, 65536] }],
  expect: {
    header: ["TIME(s)            T  BYTES    LAT(ms)"],
    lines: [
      { pattern: "^\\d+\\.\\d{6}\\s+R\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.780305        R  4096        0.31", min: 1 },
      { pattern: "^\\d+\\.\\d{6}\\s+W\\s+\\d+\\s+\\d+\\.\\d\\d$", example: "2033.780305        W  4096        0.31", min: 1 },
    ],
  },
  exercise: {
    starter: "lessons/starters/13-disksnoop_fixed.ts",
    sourceChecks: [
      { id: "issue", pattern: "block_rq_issue", must: true },
      { id: "complete", pattern: "block_rq_complete", must: true },
      { id: "no-kprobe", pattern: "[kK](ret)?probe", must: false },
      { id: "no-tid-key", pattern: "bpf_get_current_pid_tgid", must: false },
    ],
    hints: 3,
  },
});

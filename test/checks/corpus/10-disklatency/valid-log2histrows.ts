// expect: pass
// why: log2HistRows gives the rows as data; the program formats them itself
import { BPF } from "bcc-tutor";

const b = await BPF.create({ text: `
struct key_t { u64 dev; u64 sector; };
BPF_HASH(start, struct key_t);
BPF_HISTOGRAM(lat, int, 64);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t k = { .dev = args->dev, .sector = args->sector };
    u64 t = bpf_ktime_get_ns();
    start.update(&k, &t);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t k = { .dev = args->dev, .sector = args->sector };
    u64 *t = start.lookup(&k);
    if (!t) return 0;
    int slot = bpf_log2l((bpf_ktime_get_ns() - *t) / 1000);
    lat.atomic_increment(slot);
    start.delete(&k);
    return 0;
}
` });
console.log("Tracing block device I/O... Hit Ctrl-C to end.");
process.on("SIGINT", () => {
  const rows = b.table("lat").log2HistRows();
  console.log(`${"usecs".padStart(10)}               : count     distribution`);
  const max = Math.max(1, ...rows.map((r) => Number(r.count)));
  for (const r of rows) {
    const bar = "*".repeat(Math.round((Number(r.count) / max) * 40)).padEnd(40);
    console.log(`${String(r.low).padStart(10)} -> ${String(r.high).padEnd(10)} : ${String(r.count).padEnd(8)} |${bar}|`);
  }
  b.close();
  process.exit(0);
});
setInterval(() => {}, 1000);

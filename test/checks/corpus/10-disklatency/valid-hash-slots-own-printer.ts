// expect: pass
// why: a BPF_HASH keyed by bpf_log2l slot, read in TypeScript and drawn by hand like printLog2Hist
import { BPF, type HashTable } from "bcc-tutor";

const b = await BPF.create({ text: `
struct key_t { u64 dev; u64 sector; };
BPF_HASH(start, struct key_t, u64);
BPF_HASH(slots, u64, u64);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = {};
    key.dev = args->dev;
    key.sector = args->sector;
    u64 now = bpf_ktime_get_ns();
    start.update(&key, &now);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = {};
    key.dev = args->dev;
    key.sector = args->sector;
    u64 *then = start.lookup(&key);
    if (then == NULL)
        return 0;
    u64 slot = bpf_log2l((bpf_ktime_get_ns() - *then) / 1000);
    slots.increment(slot);
    start.delete(&key);
    return 0;
}
` });
console.log("Tracing block device I/O... Hit Ctrl-C to end.");

process.on("SIGINT", () => {
  const counts = new Map<number, number>();
  for (const [k, v] of b.table<HashTable<bigint, bigint>>("slots").items()) counts.set(Number(k), Number(v));
  const top = Math.max(...counts.keys());
  const max = Math.max(...counts.values());
  console.log();
  console.log(`${"usecs".padStart(10)}               : count     distribution`);
  for (let s = 0; s <= top; s++) {
    const low = s === 0 ? 0 : 2 ** s;
    const high = 2 ** (s + 1) - 1;
    const n = counts.get(s) ?? 0;
    const stars = "*".repeat(Math.round((n / max) * 40)).padEnd(40);
    console.log(`${String(low).padStart(10)} -> ${String(high).padEnd(10)} : ${String(n).padEnd(8)} |${stars}|`);
  }
  b.close();
  process.exit(0);
});
setInterval(() => {}, 1000);

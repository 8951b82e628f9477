// Benchmark 4: iterating a 10,000-entry BPF_HASH(u32 -> u64) to decoded
// [key, value] pairs with `[...t.entries()]`. The map is filled from JS
// with the same keys and values as the python twin fills it. Median of
// several iterations. Usage: map-iterate.ts [--entries=N] [--runs=R]
import { BPF, type HashTable } from "../src/index.ts";
import { arg, median, program, report } from "./common.ts";

const N = arg("entries", 10_000);
const RUNS = arg("runs", 9);

const b = await BPF.create({ text: program("map") });
const t = b.table<HashTable<number, bigint>>("counts");
for (let i = 0; i < N; i++) t.set(i, BigInt(i) * 3n);

const expectSum = (BigInt(N) * BigInt(N - 1) / 2n) * 3n;
const times: number[] = [];
for (let r = 0; r < RUNS + 1; r++) {
  const t0 = performance.now();
  const pairs = [...t.entries()];
  const t1 = performance.now();
  let sum = 0n;
  for (const [k, v] of pairs) {
    if (v !== BigInt(k) * 3n) throw new Error(`bad pair ${k} -> ${v}`);
    sum += v;
  }
  if (pairs.length !== N || sum !== expectSum) throw new Error(`read ${pairs.length} of ${N} entries`);
  if (r === 0) continue; // warm-up
  times.push(t1 - t0);
}
b.close();
report({ entries: N, runs: RUNS, medianMs: median(times), pairsPerSec: N / (median(times) / 1000), minMs: Math.min(...times), maxMs: Math.max(...times) });

// Wall time of one `bcc-tutor check <n> --answer --json`, before (a checkout
// of the old checker, BENCH_BEFORE, default /work/main) and after (this
// tree), alternating, median of BENCH_ROUNDS (default 3) per side and
// lesson. The new checks wait by design (random sync counts, a slow gap of
// more than 1 s in lessons 4, 5, 8): the workload's planned gaps, replayed
// from the seed the check reports, are subtracted to compare the rest.
// Run as root, holding the live lock: flock /tmp/bcc-tutor-live.lock npx tsx bench/check-time.ts
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadLessons } from "../src/lesson/registry.ts";
import { pick, planSyncGaps, rng } from "../src/lesson/workload-record.ts";
import type { Lesson, TriggerStep } from "../src/lesson/schema.ts";

const after = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const before = process.env.BENCH_BEFORE ?? "/work/main";
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const numbers = (process.env.BENCH_LESSONS ?? "2,5,8").split(",").map(Number);

/** The trigger's own waits: planned gaps (after: replayed from the seed; before: its fixed gapMs). */
function plannedWaitMs(steps: TriggerStep[], seed: number | undefined): number {
  let ms = 0;
  const r = rng(seed ?? 1);
  for (const s of steps) {
    if (s.kind === "exec") ms += s.gapMs * (s.times - 1);
    if (s.kind === "sleep") ms += s.ms;
    if (s.kind === "syncs") ms += planSyncGaps(r, pick(r, s.count), s.quickGapMs, pick(r, s.slow), s.slowGapMs).reduce((a, b) => a + b, 0);
  }
  return ms;
}

function once(root: string, n: number): { ms: number; seed?: number; passed: boolean } {
  const t0 = performance.now();
  let out = "";
  try {
    out = execFileSync(process.execPath, [path.join(root, "bin", "bcc-tutor.js"), "check", String(n), "--answer", "--json"], { cwd: root, encoding: "utf8" });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? "";
  }
  const ms = performance.now() - t0;
  const j = JSON.parse(out) as { passed: boolean; seed?: number };
  return { ms, seed: j.seed, passed: j.passed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const { lessons } = await loadLessons();
const oldTriggers: Record<number, TriggerStep[]> = {
  // main's triggers at 15ec008 (lessons/NN-id.ts there)
  2: [{ kind: "exec", argv: ["sync"], times: 2, gapMs: 100 }],
  5: [{ kind: "exec", argv: ["sync"], times: 4, gapMs: 100 }],
  8: [{ kind: "exec", argv: ["sync"], times: 3, gapMs: 100 }],
};
const rows: string[] = [];
for (const n of numbers) {
  const lesson = lessons.find((l: Lesson) => l.number === n)!;
  const b: number[] = [];
  const a: number[] = [];
  const aWait: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = once(before, n);
    b.push(x.ms);
    const y = once(after, n);
    a.push(y.ms);
    aWait.push(plannedWaitMs(lesson.trigger, y.seed));
    if (process.env.BENCH_VERBOSE) console.error(n, Math.round(x.ms), Math.round(y.ms), aWait.at(-1), x.passed, y.passed);
  }
  const bWait = plannedWaitMs(oldTriggers[n] ?? [], undefined);
  const bm = median(b);
  const am = median(a);
  const aw = median(aWait);
  const ratio = am / bm;
  // Per round: the time beyond that round's own planned waits (counts and gaps differ by seed).
  const rest = median(a.map((x, i) => x - aWait[i]!)) / (bm - bWait);
  rows.push(`| ${n} ${lesson.id} | ${(bm / 1000).toFixed(2)} s (waits ${bWait} ms) | ${(am / 1000).toFixed(2)} s (waits ${aw} ms, median) | ${ratio.toFixed(2)}x | ${rest.toFixed(2)}x | ${rest <= 1.3 ? "yes" : "no"} |`);
}
console.log("| lesson | before | after | after/before | without the planned waits | <= 1.3x |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);

// What a trigger did, recorded as it ran: the truth a learner's output is
// judged against (which processes ran sync, when, with which planned gaps;
// which disk requests went to which device).

export interface SyncRun {
  pid: number;
  /** process.hrtime in ms (CLOCK_MONOTONIC, the clock bpf_ktime_get_ns reads). */
  startedAt: number;
  /** The gap the trigger waited before this sync (0 for the first). */
  gapMs: number;
}

export interface DiskRun {
  op: "W" | "R";
  /** Bytes per request (dd's block size). */
  bytes: number;
  requests: number;
  /** "major:minor" of the disk the target file lives on, when it is a block device. */
  dev?: string;
  pid: number;
}

export interface WorkloadRecord {
  seed: number;
  /** Every process the trigger started. */
  pids: number[];
  syncs: SyncRun[];
  disk: DiskRun[];
}

export function emptyRecord(seed: number): WorkloadRecord {
  return { seed, pids: [], syncs: [], disk: [] };
}

/** A small seeded generator (mulberry32): the same seed replays the same workload. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(r: () => number, [min, max]: readonly [number, number]): number {
  return min + Math.floor(r() * (max - min + 1));
}

/** BCC_TUTOR_SEED replays a run; else a fresh seed per run. */
export function runSeed(): number {
  const v = Number(process.env.BCC_TUTOR_SEED);
  return Number.isInteger(v) && v > 0 ? v : (Date.now() ^ (process.pid << 16)) >>> 0 || 1;
}

/**
 * The gaps between count syncs: quick ones, and slow ones placed at random,
 * neither first nor last (where there is room): a quick sync comes before
 * and after each slow gap, so a count of the quick syncs only, or a gap
 * measured from the wrong sync, shows in the output.
 */
export function planSyncGaps(r: () => number, count: number, quick: readonly [number, number], slowCount: number, slow: readonly [number, number]): number[] {
  const gaps = Array.from({ length: Math.max(0, count - 1) }, () => pick(r, quick));
  const slots = gaps.map((_, i) => i).filter((i) => gaps.length < 3 || (i > 0 && i < gaps.length - 1));
  for (let n = 0; n < slowCount && slots.length > 0; n++) {
    const at = slots.splice(Math.floor(r() * slots.length), 1)[0]!;
    gaps[at] = pick(r, slow);
  }
  return [0, ...gaps];
}

export const hrtimeMs = (): number => Number(process.hrtime.bigint()) / 1e6;

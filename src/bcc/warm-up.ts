// Warming the ring readers up when a buffer opens. Cold, V8 runs the read
// loop and the generated decoder 10-20x slower than once compiled, so under
// a storm the kernel's rings overflowed in the first ~100 ms and never after
// (bench/ storm, wakeup_events=1, 64 pages, 2 CPUs: all losses at the start).
// Reading 10,000 synthetic records first costs ~25 ms, once per event
// struct; over 6 storms each, median loss ~110k of 1M without, ~40k with
// (0 to 250k: the rest is where the scheduler puts the workload).
import type { Codec } from "./type-desc.ts";

export const WARM_RECORDS = 10_000;

const warmed = new WeakSet<Codec>();

/** Runs fn the first time codec is seen. */
export function warmOnce(codec: Codec, fn: () => void): void {
  if (warmed.has(codec)) return;
  warmed.add(codec);
  try {
    fn();
  } catch {
    // Only a speed-up: never the reason a learner's program fails to start
    // (test/unit/warm-up.test.ts runs it for real).
  }
}

/**
 * Callbacks that do nothing, each its own function: warming through all of
 * them leaves the decode-and-call site megamorphic, so the learner's own
 * callback later is one more target rather than a reason to deoptimize.
 */
export const NOOP_CALLBACKS: Array<(...a: unknown[]) => void> = [() => {}, () => {}, () => {}, () => {}, () => {}];

const PERIOD = 11 * 26;
let pattern = new Uint8Array(0);

/** The pattern fillSample copies from: byte i is ASCII letter i % 26, or NUL where i % 11 is 10. */
function patternFor(length: number): Uint8Array {
  if (pattern.length < length) {
    pattern = new Uint8Array(length * 2);
    for (let i = 0; i < pattern.length; i++) pattern[i] = i % 11 === 10 ? 0 : 0x61 + (i % 26);
  }
  return pattern;
}

/**
 * Fills `size` bytes at `start` of a ring's data (wrapping at its end) with
 * ASCII letters and the odd NUL, as real events hold: all-zero samples would
 * leave the string decoder's common path untried, to deoptimize later.
 */
export function fillSample(data: Uint8Array, start: number, size: number, seed: number): void {
  const from = seed % PERIOD;
  const src = patternFor(PERIOD + size).subarray(from, from + size);
  const at = start % data.length;
  const first = Math.min(size, data.length - at);
  data.set(src.subarray(0, first), at);
  if (first < size) data.set(src.subarray(first), 0);
}

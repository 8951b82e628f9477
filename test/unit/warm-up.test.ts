// The readers' warm-up runs the real read loops over synthetic rings in
// ordinary memory: every record must come through whole, wrapped or not,
// or the warm-up would teach V8 the wrong shapes (or throw at open).
import { describe, expect, it } from "vitest";
import { PerfRing } from "../../src/bcc/perf-ring.ts";
import { RingbufReader } from "../../src/bcc/ringbuf-reader.ts";
import { fillSample } from "../../src/bcc/warm-up.ts";

/** A sink that checks each sample against the pattern fillSample writes (seeded by its ring position, unknown here: any seed must match). */
function checker(size: number) {
  const seen = { count: 0, badSize: 0, badBytes: 0, seeds: new Set<number>() };
  const sink = (view: DataView, off: number, n: number) => {
    seen.count++;
    if (n !== size) seen.badSize++;
    const got = new Uint8Array(view.buffer, view.byteOffset + off, n);
    // Recover the seed from the first byte that is a letter, then compare all.
    const probe = new Uint8Array(n);
    const seed = [...Array(26 * 11).keys()].find((s) => (fillSample(probe, 0, n, s), probe.every((b, i) => b === got[i])));
    if (seed === undefined) seen.badBytes++;
    else seen.seeds.add(seed);
  };
  return { seen, sink };
}

describe("ring reader warm-up", () => {
  // 36-byte samples make 48-byte records; 24-byte ones, 40-byte records,
  // which also put a header in the ring's last 8 bytes, its size field past the end.
  it.each([36, 24])("perf ring: every synthetic %i-byte record arrives whole, including those wrapped at the ring's end", (size) => {
    const { seen, sink } = checker(size);
    PerfRing.warmUp(size, [sink, sink], 3000);
    expect(seen).toMatchObject({ count: 3000, badSize: 0, badBytes: 0 });
  });

  it("BPF ring buffer: every synthetic record arrives whole", () => {
    const { seen, sink } = checker(28);
    RingbufReader.warmUp(28, [sink], 3000);
    expect(seen).toMatchObject({ count: 3000, badSize: 0, badBytes: 0 });
  });
});

// The runner's bound for a program: its own time only, compiles left out,
// and a compile that hangs still ends the run.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Deadline } from "../../src/lesson/deadline.ts";

describe("Deadline", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const now = () => Date.now();
  const expiredAfter = async (d: Deadline, ms: number) => {
    let hit = false;
    void d.expired.then(() => (hit = true));
    await vi.advanceTimersByTimeAsync(ms);
    return hit;
  };

  it("expires after its time when nothing compiles", async () => {
    const d = new Deadline(10_000, 120_000, now);
    expect(await expiredAfter(d, 9_999)).toBe(false);
    expect(await expiredAfter(d, 1)).toBe(true);
  });

  it("stands still while a compile runs, and goes on from where it stood", async () => {
    const d = new Deadline(10_000, 120_000, now);
    await vi.advanceTimersByTimeAsync(4_000);
    d.compileStarted();
    expect(await expiredAfter(d, 30_000)).toBe(false); // a slow compile on a loaded machine
    d.compileEnded();
    expect(await expiredAfter(d, 5_999)).toBe(false);
    expect(await expiredAfter(d, 1)).toBe(true);
  });

  it("counts overlapping compiles once", async () => {
    const d = new Deadline(10_000, 120_000, now);
    d.compileStarted();
    d.compileStarted();
    await vi.advanceTimersByTimeAsync(20_000);
    d.compileEnded();
    expect(await expiredAfter(d, 20_000)).toBe(false); // one compile still runs
    d.compileEnded();
    expect(await expiredAfter(d, 9_999)).toBe(false);
    expect(await expiredAfter(d, 1)).toBe(true);
  });

  it("ends a compile that outlasts its own bound", async () => {
    const d = new Deadline(10_000, 120_000, now);
    d.compileStarted();
    expect(await expiredAfter(d, 119_999)).toBe(false);
    expect(await expiredAfter(d, 1)).toBe(true);
  });

  it("an unmatched end changes nothing, and a cleared bound never fires", async () => {
    const d = new Deadline(10_000, 120_000, now);
    d.compileEnded();
    expect(await expiredAfter(d, 10_000)).toBe(true);
    const e = new Deadline(10_000, 120_000, now);
    e.clear();
    expect(await expiredAfter(e, 60_000)).toBe(false);
  });
});

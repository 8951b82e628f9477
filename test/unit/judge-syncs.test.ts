// The pure part of the sync lessons' checks: given the syncs the checker's
// probe saw (kernel time) and the program's lines, which verdict.
import { describe, expect, it } from "vitest";
import { eventLines, expectedQuick, judgeEachSync, judgeQuickSyncs, judgeSyncTotal, syncTruth } from "../../src/lesson/judge/syncs.ts";
import { planSyncGaps, rng } from "../../src/lesson/workload-record.ts";

const MS = 1e6;
// Syncs from pids 10..15 at these ms: gaps 100, 1200 (slow), 150, 90, 200.
const at = [1000, 1100, 2300, 2450, 2540, 2740];
const events = at.map((t, i) => ({ ts: t * MS, tgid: 10 + i }));
const pids = new Set(events.map((e) => e.tgid));
const truth = syncTruth(events, pids);

const line5 = (delta: number, count: number) => `At time 0.00 s: multiple syncs detected, last ${delta} ms ago, count ${count}`;
const RE5 = /multiple syncs detected, last (?<delta>\d+) ms ago, count (?<count>\d+)/;
const RE8 = /multiple syncs detected, last (?<delta>\d+) ms ago/;

describe("expected quick syncs", () => {
  it("are the syncs less than 1 s after the one before, with the count so far", () => {
    expect(expectedQuick(events).map((e) => [e.deltaMs, e.count])).toEqual([[100, 2], [150, 4], [90, 5], [200, 6]]);
  });
  it("count other processes' syncs apart", () => {
    const t = syncTruth([...events, { ts: 5000 * MS, tgid: 99 }], pids);
    expect([t.workload, t.others]).toEqual([6, 1]);
  });
});

describe("lesson 2: one line per sync", () => {
  const lines = (n: number) => Array.from({ length: n }, () => ({ index: 0 }));
  it("passes as many lines as syncs", () => expect(judgeEachSync(truth, lines(6)).lines.passed).toBe(true));
  it("fails more lines than syncs, with the numbers", () => expect(judgeEachSync(truth, lines(9)).lines).toMatchObject({ key: "check.sync.each.tooMany", vars: { workload: 6, printed: 9 } }));
  it("fails fewer", () => expect(judgeEachSync(truth, lines(2)).lines).toMatchObject({ key: "check.sync.each.tooFew" }));
  it("accepts lines for other processes' syncs", () => {
    const t = syncTruth([...events, { ts: 9000 * MS, tgid: 99 }], pids);
    expect(judgeEachSync(t, lines(7)).lines.passed).toBe(true);
  });
});

describe("lesson 5: counts", () => {
  it("passes the right counts", () => {
    const j = judgeQuickSyncs(truth, eventLines([line5(100, 2), line5(150, 4), line5(90, 5), line5(200, 6)], RE5), true);
    expect(j.lines.passed && j.values?.passed).toBe(true);
  });
  it("fails counting only the quick syncs", () => {
    const j = judgeQuickSyncs(truth, eventLines([line5(100, 1), line5(150, 2), line5(90, 3), line5(200, 4)], RE5), true);
    expect(j.values).toMatchObject({ passed: false, key: "check.sync.count.quickOnly" });
  });
  it("fails off by one", () => {
    const j = judgeQuickSyncs(truth, eventLines([line5(100, 1), line5(150, 3), line5(90, 4), line5(200, 5)], RE5), true);
    expect(j.values).toMatchObject({ passed: false, key: "check.sync.count.offByOne", vars: { got: 1, want: 2 } });
  });
  it("judges the map at the end", () => {
    expect(judgeSyncTotal(truth, [123456789, 6]).passed).toBe(true);
    expect(judgeSyncTotal(truth, [4])).toMatchObject({ passed: false, vars: { syncs: 6 } });
  });
});

describe("lesson 8: quick syncs and their gaps", () => {
  const l8 = (d: number) => `At time 0.00 s: multiple syncs detected, last ${d} ms ago`;
  it("passes the quick gaps", () => expect(judgeQuickSyncs(truth, eventLines([101, 149, 90, 199].map(l8), RE8), false).values?.passed).toBe(true));
  it("fails every sync reported, the first with the time since boot", () => {
    const j = judgeQuickSyncs(truth, eventLines([1000000, 100, 1200, 150, 90, 200].map(l8), RE8), false);
    expect(j.lines).toMatchObject({ passed: false, key: "check.sync.quick.every", vars: { syncs: 6, quick: 4, printed: 6 } });
  });
  it("fails slow syncs reported", () => {
    expect(judgeQuickSyncs(truth, eventLines([100, 1200, 150, 90, 200].map(l8), RE8), false).lines).toMatchObject({ key: "check.sync.quick.slow" });
  });
  it("fails gaps in nanoseconds", () => {
    const j = judgeQuickSyncs(truth, eventLines([100e6, 150e6, 90e6, 200e6].map(l8), RE8), false);
    expect(j.values).toMatchObject({ passed: false, key: "check.sync.delta", vars: { line: 1, want: 100 } });
  });
  it("lets a gap at the 1 s edge be reported or not", () => {
    const edge = syncTruth([{ ts: 0, tgid: 1 }, { ts: 1010 * MS, tgid: 1 }, { ts: 1110 * MS, tgid: 1 }], new Set([1]));
    expect(judgeQuickSyncs(edge, eventLines([l8(100)], RE8), false).lines.passed).toBe(true);
    expect(judgeQuickSyncs(edge, eventLines([l8(1010), l8(100)], RE8), false).lines.passed).toBe(true);
  });
});

describe("planned gaps", () => {
  it("put a quick sync on both sides of each slow gap, and vary with the seed", () => {
    for (let seed = 1; seed < 200; seed++) {
      const g = planSyncGaps(rng(seed), 4 + (seed % 3), [80, 250], 1, [1150, 1300]);
      const slow = g.findIndex((x) => x > 1000);
      expect(slow).toBeGreaterThan(1);
      expect(slow).toBeLessThan(g.length - 1);
    }
    expect(planSyncGaps(rng(1), 5, [80, 250], 1, [1150, 1300])).not.toEqual(planSyncGaps(rng(2), 5, [80, 250], 1, [1150, 1300]));
  });
});

// The pure parts of the histogram and latency checks: parsing what
// printLog2Hist and lesson 6 style tables print, and comparing with the
// reference's.
import { describe, expect, it } from "vitest";
import { formatLog2Hist } from "../../src/bcc/hist.ts";
import { compareHistograms, compareLatencies, meanStep, parseHistograms, parseLatencies, total, windowAdjusted } from "../../src/lesson/judge/histogram.ts";

/** Text exactly as the binding prints it (the same code path as printLog2Hist). */
const hist = (slots: number[], label = "usecs") => formatLog2Hist(slots, label).split("\n");

describe("parseHistograms", () => {
  it("reads bcc's log2 histogram rows", () => {
    const slots = Array(12).fill(0);
    slots[7] = 12;
    slots[8] = 3;
    const [h] = parseHistograms(["noise", ...hist(slots)]);
    expect(h!.label).toBe("usecs");
    expect(total(h!)).toBe(15);
    expect(h!.rows.find((r) => r.count === 12)).toEqual({ low: 64, high: 127, count: 12 });
    expect(meanStep(h!)).toBeCloseTo((6 * 12 + 7 * 3) / 15);
  });
  it("finds one histogram per interval", () => {
    const a = Array(5).fill(0);
    a[3] = 2;
    expect(parseHistograms([...hist(a), "", ...hist(a)]).length).toBe(2);
  });
  it("finds nothing in plain lines", () => {
    expect(parseHistograms(["At time 0.1 s: x", "0 -> 1 : 3"])).toEqual([]);
  });
});

describe("compareHistograms", () => {
  const slotsAt = (i: number, n: number) => {
    const s = Array(Math.max(i + 1, 4)).fill(0);
    s[i] = n;
    return s;
  };
  it("passes the same distribution", () => {
    const r = compareHistograms(parseHistograms(hist(slotsAt(7, 40))), parseHistograms(hist(slotsAt(7, 40))));
    expect(r.total.passed && r.units.passed).toBe(true);
  });
  it("passes one step off and a total within 10%", () => {
    const r = compareHistograms(parseHistograms(hist(slotsAt(8, 38))), parseHistograms(hist(slotsAt(7, 40))));
    expect(r.total.passed && r.units.passed).toBe(true);
  });
  it("fails nanoseconds under a usecs label, and says so with the buckets", () => {
    const r = compareHistograms(parseHistograms(hist(slotsAt(17, 40))), parseHistograms(hist(slotsAt(7, 40))));
    expect(r.total.passed).toBe(true);
    expect(r.units).toMatchObject({ passed: false, key: "check.hist.unitsNs", vars: { count: 40, bucket: "65536-131071", refBucket: "64-127" } });
  });
  it("accepts msecs where the reference prints usecs, at the same latency", () => {
    // 64-127 us ~ 0.1 ms: slot 0 (0 -> 1) in msecs
    const r = compareHistograms(parseHistograms(hist(slotsAt(1, 40), "msecs")), parseHistograms(hist(slotsAt(7, 40))));
    expect(r.units.passed).toBe(true);
    // and nanoseconds under an nsecs label
    expect(compareHistograms(parseHistograms(hist(slotsAt(16, 40), "nsecs")), parseHistograms(hist(slotsAt(7, 40)))).units.passed).toBe(true);
  });
  it("fails a total 20% off", () => {
    const r = compareHistograms(parseHistograms(hist(slotsAt(7, 48))), parseHistograms(hist(slotsAt(7, 40))));
    expect(r.total).toMatchObject({ passed: false, key: "check.hist.total", vars: { mine: 48, reference: 40, percent: 20 } });
  });
  it("fails an empty or missing histogram", () => {
    expect(compareHistograms(parseHistograms(["     usecs               : count     distribution"]), parseHistograms(hist(slotsAt(3, 4)))).total).toMatchObject({ passed: false, key: "check.hist.empty" });
    expect(compareHistograms([], parseHistograms(hist(slotsAt(3, 4)))).units).toMatchObject({ passed: false, key: "check.hist.none" });
  });
});

describe("latencies", () => {
  const table = ["TIME(s)            T  BYTES    LAT(ms)", "1.000000000        W  4096        0.21", "1.100000000        R  65536       0.40", "garbage"];
  it("reads the LAT column", () => {
    expect(parseLatencies(table)).toEqual({ unit: "ms", values: [0.21, 0.4] });
    expect(parseLatencies(["no header"])).toBeUndefined();
  });
  it("passes the same order, fails zeros and a factor of 1000", () => {
    expect(compareLatencies([0.2, 0.4], [0.25, 0.3]).passed).toBe(true);
    expect(compareLatencies([0, 0, 0.1], [0.25, 0.3])).toMatchObject({ passed: false, key: "check.lat.zero" });
    expect(compareLatencies([250, 300], [0.25, 0.3])).toMatchObject({ passed: false, key: "check.lat.order" });
    expect(compareLatencies([], [0.25])).toMatchObject({ passed: false, key: "check.lat.none" });
  });
});

describe("windowAdjusted", () => {
  // Requests issued at 1, 2 and 3 s; ready times in ms, issues in ns (the same monotonic clock).
  const issued = [1e9, 2e9, 3e9];
  it("takes away what the reference saw before the learner's program traced", () => {
    expect(windowAdjusted(30, issued, 2500, 500)).toEqual({ total: 28, others: 2 });
  });
  it("adds what the learner's program saw before the reference traced", () => {
    expect(windowAdjusted(30, issued, 1500, 3500)).toEqual({ total: 32, others: 2 });
  });
  it("changes nothing when both were ready together, and the adjusted total is what is compared", () => {
    expect(windowAdjusted(30, issued, 4000, 4000).total).toBe(30);
    const ref = parseHistograms(hist([0, 0, 0, 0, 0, 0, 0, 48]));
    const mine = parseHistograms(hist([0, 0, 0, 0, 0, 0, 0, 38]));
    expect(compareHistograms(mine, ref).total.passed).toBe(false);
    expect(compareHistograms(mine, ref, 39).total.passed).toBe(true);
  });
});

// Byte-for-byte comparison of src/bcc/hist.ts with python bcc 0.26's own
// printers, run by /usr/bin/python3 (python3-bpfcc is a project dependency).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  bigDivToFloat,
  formatLinearHist,
  formatLinearHistSections,
  formatLog2Hist,
  formatLog2HistSections,
  linearHistRows,
  log2HistRows,
  pyRepr,
  stars,
  type HistCount,
  type HistSection,
  type SectionEntry,
  type SectionOptions,
} from "../../src/bcc/hist.ts";

const PY = "/usr/bin/python3";

// Flat cases call the module-level _print_*_hist directly. Sectioned cases
// run the real TableBase.print_*_hist on a subclass whose items() returns
// ctypes keys built here, so decode_c_struct runs unmodified without a map.
const SCRIPT = String.raw`
import sys, json, io, contextlib, ctypes as ct
import bcc.table as T

class FakeTable(T.TableBase):
    def __init__(self, key, items):
        self.Key = key
        self._fake = items
    def items(self):
        return self._fake
    def __len__(self):
        return len(self._fake)

def key_type(c):
    sec = ct.c_char * 16 if c["keyKind"] in ("bytes", "str") else ct.c_uint32
    slot = ct.c_int64 if c.get("signedSlot") else ct.c_uint64
    fields = [("name", sec)]
    if c.get("pad"):
        fields.append(("__pad_1", ct.c_uint32))
    fields.append(("slot", slot))
    return type("Key", (ct.Structure,), {"_fields_": fields})

def run(c):
    strip = c["strip"]
    if c["fn"] in ("log2", "linear"):
        vals = [int(v) for v in c["vals"]]
        f = T._print_log2_hist if c["fn"] == "log2" else T._print_linear_hist
        f(vals, c["valType"], strip)
        return
    K = key_type(c)
    items = []
    for sec, slot, cnt in c["entries"]:
        k = K()
        k.name = bytes(sec) if c["keyKind"] in ("bytes", "str") else int(sec)
        k.slot = slot
        items.append((k, ct.c_uint64(int(cnt))))
    t = FakeTable(K, items)
    kw = dict(strip_leading_zero=strip)
    if c.get("sectionHeader") is not None: kw["section_header"] = c["sectionHeader"]
    if c["keyKind"] == "str": kw["bucket_fn"] = lambda b: b.decode("utf-8")
    if c.get("halveBucket"): kw["bucket_fn"] = lambda b: b // 2
    if c.get("printFn"): kw["section_print_fn"] = lambda b: "<" + str(b) + ">"
    if c.get("sortDesc"): kw["bucket_sort_fn"] = lambda bs: sorted(bs, reverse=True)
    f = t.print_log2_hist if c["fn"] == "log2_sections" else t.print_linear_hist
    f(c["valType"], **kw)

out = []
for c in json.load(sys.stdin):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        run(c)
    out.append(buf.getvalue())
json.dump(out, sys.stdout)
`;

function python(cases: unknown[]): string[] {
  const probe = spawnSync(PY, ["-c", "import bcc.table"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `python3-bpfcc is a project dependency (installed by setup) but '${PY} -c "import bcc.table"' failed: ` +
        (probe.error?.message ?? probe.stderr),
    );
  }
  const input = JSON.stringify(cases);
  const r = spawnSync(PY, ["-c", SCRIPT], { input, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python comparison script failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

const slots = (len: number, set: Record<number, HistCount>): HistCount[] =>
  Array.from({ length: len }, (_, i) => set[i] ?? 0);
const Z65 = slots(65, {});
const B53 = 2n ** 53n;

interface FlatCase { name: string; vals: HistCount[]; valType?: string; strip?: boolean }
const log2Cases: FlatCase[] = [
  { name: "all zeros", vals: Z65 },
  { name: "empty", vals: [] },
  { name: "slot 0 only (prints nothing)", vals: slots(65, { 0: 9 }) },
  { name: "slot 1 only", vals: slots(65, { 1: 1 }) },
  { name: "kbytes example", vals: slots(65, { 1: 3, 3: 211, 8: 800 }), valType: "kbytes" },
  { name: "sparse", vals: slots(65, { 0: 4, 3: 5, 7: 1, 10: 17 }), valType: "usecs" },
  { name: "slot 32 stays narrow", vals: slots(65, { 2: 1, 32: 2 }) },
  { name: "slot 33 goes wide", vals: slots(65, { 2: 1, 33: 2 }), valType: "nsecs" },
  { name: "slot 64", vals: slots(65, { 1: 5, 64: 1 }) },
  { name: "longer than 65 slots", vals: slots(71, { 70: 3 }) },
  { name: "huge bigint counts", vals: slots(65, { 1: 2n ** 63n + 1n, 2: B53 + 1n, 3: 2n ** 64n - 1n, 4: 1n }) },
  // 40*val/val_max = 3 - 2^-58: exact floor is 2, python's rounded float gives 3 stars.
  { name: "bigint float rounding", vals: slots(65, { 1: 3n * 2n ** 58n - 1n, 2: 5n * 2n ** 61n }) },
  { name: "numbers above 2^53", vals: slots(65, { 1: 2 ** 60, 2: 2 ** 55 + 2 ** 3 }) },
  { name: "mixed number/bigint", vals: [0, 1, 2n, 3, 4n] },
  { name: "val_max 3", vals: slots(65, { 1: 1, 2: 2, 3: 3 }) },
  { name: "val_max 7", vals: [0, 1, 2, 3, 4, 5, 6, 7] },
  { name: "val_max 6/39/41", vals: [0, 1, 5, 6, 38, 39, 40, 41] },
  { name: "val_max 3, wide", vals: slots(65, { 1: 1, 2: 2, 40: 3 }) },
  { name: "long counts, long valType", vals: [0, 123456789012, 5], valType: "a-very-long-value-type-name" },
  { name: "negative count", vals: [0, -5, 3] },
  { name: "strip leading zero", vals: slots(65, { 0: 7, 4: 2, 6: 0, 7: 9 }), strip: true },
  { name: "strip, slot 1 nonzero", vals: slots(65, { 1: 1, 2: 0, 3: 4 }), strip: true },
  { name: "strip, wide", vals: slots(65, { 20: 1, 50: 2 }), strip: true },
];
const linearCases: FlatCase[] = [
  { name: "all zeros", vals: slots(1025, {}) },
  { name: "empty", vals: [] },
  { name: "idx 0 only", vals: slots(1025, { 0: 2 }), valType: "kbytes" },
  { name: "0..5", vals: [5, 4, 3, 2, 1, 0, 0] },
  { name: "zero-star row", vals: [1, 1000] },
  { name: "val_max 7", vals: [1, 2, 3, 4, 5, 6, 7] },
  { name: "index 1000", vals: slots(1025, { 3: 1, 1000: 2 }) },
  { name: "huge bigint counts", vals: [2n ** 64n - 1n, 0n, B53 + 1n, 1n] },
  { name: "strip leading zero", vals: [0, 0, 3, 0, 4], strip: true },
  { name: "long valType", vals: [1], valType: "a-long-linear-value-type" },
];

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const pyBytes = (s: HistSection): number[] => [...(typeof s === "string" ? utf8(s) : (s as Uint8Array))];

interface SecCase {
  name: string;
  kind: "log2" | "linear";
  keyKind: "bytes" | "int" | "str";
  entries: SectionEntry[];
  opts?: SectionOptions;
  // python-side knobs, mirroring opts
  halveBucket?: boolean; printFn?: boolean; sortDesc?: boolean; pad?: boolean; signedSlot?: boolean;
  valType?: string;
}
const disks: SectionEntry[] = [
  { section: utf8("sda"), slot: 3, count: 10 },
  { section: utf8("nvme0n1"), slot: 5, count: 2 },
  { section: utf8("sda"), slot: 4, count: 40 },
  { section: utf8("nvme0n1"), slot: 1, count: 7 },
];
const ints: SectionEntry[] = [
  { section: 3, slot: 2, count: 1 },
  { section: 8388608, slot: 6, count: 4 },
  { section: 2, slot: 2, count: 9 },
  { section: 3, slot: 4, count: 3 },
];
const secCases: SecCase[] = [
  { name: "bytes keys (b'sda')", kind: "log2", keyKind: "bytes", entries: disks, valType: "usecs", opts: { sectionHeader: "disk" } },
  { name: "bytes keys, linear", kind: "linear", keyKind: "bytes", entries: disks },
  {
    name: "bytes repr escapes and quotes", kind: "log2", keyKind: "bytes",
    entries: [
      { section: utf8("it's"), slot: 1, count: 1 },
      { section: Uint8Array.from([0x71, 0x22, 0x27, 0x01, 0xff, 0x5c, 0x09, 0x7f]), slot: 2, count: 2 },
      { section: Uint8Array.from([0x71, 0x22]), slot: 2, count: 2 },
    ],
  },
  {
    name: "str keys via bucket_fn decode", kind: "log2", keyKind: "str",
    entries: [
      { section: "sda", slot: 2, count: 3 },
      { section: "é'x", slot: 3, count: 1 },
      { section: "a'\"\n\u0085", slot: 1, count: 5 },
    ],
  },
  { name: "int keys", kind: "log2", keyKind: "int", entries: ints, opts: { stripLeadingZero: true } },
  { name: "int keys, linear, pad field", kind: "linear", keyKind: "int", entries: ints, pad: true },
  {
    name: "sort desc + print fn", kind: "log2", keyKind: "int", entries: ints, sortDesc: true, printFn: true,
    opts: { sectionPrintFn: (b) => `<${String(b)}>`, bucketSortFn: (bs) => [...bs].sort((a, b) => Number(b) - Number(a)) },
  },
  {
    name: "bucket_fn merges, later key overwrites", kind: "linear", keyKind: "int", halveBucket: true,
    entries: [...ints, { section: 5, slot: 2, count: 11 }],
    opts: { bucketFn: (s) => Math.floor(Number(s) / 2) },
  },
  { name: "signed slot -1 is slot 64 (wide)", kind: "log2", keyKind: "int", signedSlot: true, entries: [{ section: 1, slot: -1, count: 2 }, { section: 1, slot: 3, count: 1 }] },
  { name: "no entries", kind: "log2", keyKind: "int", entries: [] },
];

// Counts go to python as decimal strings: JSON numbers above 2^53 would lose digits.
const dec = (v: HistCount): string => BigInt(v).toString();
const flatPy = (fn: "log2" | "linear", c: FlatCase) => ({ fn, vals: c.vals.map(dec), valType: c.valType ?? "value", strip: c.strip ?? false });
const secPy = (c: SecCase) => ({
  fn: `${c.kind}_sections`, keyKind: c.keyKind, valType: c.valType ?? "value", strip: c.opts?.stripLeadingZero ?? false,
  sectionHeader: c.opts?.sectionHeader ?? null, halveBucket: c.halveBucket, printFn: c.printFn, sortDesc: c.sortDesc,
  pad: c.pad, signedSlot: c.signedSlot,
  entries: c.entries.map((e) => [c.keyKind === "int" ? Number(e.section) : pyBytes(e.section), e.slot, dec(e.count)]),
});

describe("hist output matches python bcc byte for byte", () => {
  const allPy = [
    ...log2Cases.map((c) => flatPy("log2", c)),
    ...linearCases.map((c) => flatPy("linear", c)),
    ...secCases.map(secPy),
  ];
  // Run python once; a failure (e.g. bcc not importable) fails every case.
  let expected: string[] | Error | undefined;
  const want = (i: number): string => {
    if (expected === undefined) {
      try { expected = python(allPy); } catch (e) { expected = e as Error; }
    }
    if (expected instanceof Error) throw expected;
    return expected[i]!;
  };

  log2Cases.forEach((c, i) =>
    it(`log2: ${c.name}`, () => {
      expect(formatLog2Hist(c.vals, c.valType, { stripLeadingZero: c.strip })).toBe(want(i));
    }),
  );
  linearCases.forEach((c, i) =>
    it(`linear: ${c.name}`, () => {
      expect(formatLinearHist(c.vals, c.valType, { stripLeadingZero: c.strip })).toBe(want(log2Cases.length + i));
    }),
  );
  secCases.forEach((c, i) =>
    it(`sections ${c.kind}: ${c.name}`, () => {
      const f = c.kind === "log2" ? formatLog2HistSections : formatLinearHistSections;
      expect(f(c.entries, c.valType, c.opts)).toBe(want(log2Cases.length + linearCases.length + i));
    }),
  );
});

describe("hist helpers (no python)", () => {
  it("prints the documented kbytes example", () => {
    expect(formatLog2Hist(slots(65, { 1: 3, 3: 211, 8: 800 }), "kbytes")).toBe(
      "     kbytes              : count     distribution\n" +
        "         0 -> 1          : 3        |                                        |\n" +
        "         2 -> 3          : 0        |                                        |\n" +
        "         4 -> 7          : 211      |**********                              |\n" +
        "         8 -> 15         : 0        |                                        |\n" +
        "        16 -> 31         : 0        |                                        |\n" +
        "        32 -> 63         : 0        |                                        |\n" +
        "        64 -> 127        : 0        |                                        |\n" +
        "       128 -> 255        : 800      |****************************************|\n",
    );
  });

  it("returns rows as data", () => {
    expect(log2HistRows(slots(65, { 1: 2, 3: 4 }), { stripLeadingZero: true })).toEqual([
      { slot: 1, low: 0n, high: 1n, count: 2n, fraction: 0.5 },
      { slot: 2, low: 2n, high: 3n, count: 0n, fraction: 0 },
      { slot: 3, low: 4n, high: 7n, count: 4n, fraction: 1 },
    ]);
    expect(log2HistRows([5])).toEqual([]);
    expect(linearHistRows([0, 0, 3, 1], { stripLeadingZero: true })).toEqual([
      { value: 2, count: 3n, fraction: 1 },
      { value: 3, count: 1n, fraction: 1 / 3 },
    ]);
  });

  it("rounds big divisions like python and marks overflow with +", () => {
    expect(bigDivToFloat(3n * 2n ** 58n - 1n, 2n ** 58n)).toBe(3);
    expect(bigDivToFloat(-(2n ** 70n), 2n ** 69n)).toBe(-2);
    expect(stars(2, 1, 5)).toBe("****+");
  });

  it("reprs sections like python", () => {
    expect(pyRepr(8388608)).toBe("8388608");
    expect(pyRepr(2n ** 64n)).toBe("18446744073709551616");
    expect(pyRepr("sda")).toBe("'sda'");
    expect(pyRepr(utf8("sda"))).toBe("b'sda'");
    expect(pyRepr(1.5)).toBe("1.5");
    expect(pyRepr(1e-5)).toBe("1e-05");
  });

  it("rejects slots python would reject", () => {
    expect(() => formatLinearHistSections([{ section: 1, slot: 65, count: 1 }])).toThrow(RangeError);
    expect(() => formatLog2Hist([0.5])).toThrow(TypeError);
  });
});

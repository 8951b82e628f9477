// The rings the binding reads from JS (src/bcc/perf-ring.ts, ringbuf-reader.ts):
// records that wrap a ring's end, lost and discarded records, and callbacks
// that close the buffer or throw in the middle of a read.
import { afterEach, describe, expect, it } from "vitest";
import { BPF, type ArrayTable, type PerfEventArray, type RingBuf } from "../../src/index.ts";
import { FILL_EVENT, getpidEventProgram, type GetpidEvent as Ev } from "../helpers/getpid-events.ts";
import { gatedGetpidLoop } from "../helpers/workload.ts";

// 48-byte records (8 header + 4 size + 36 bytes padded): 4096 is no multiple
// of 48, so once a one-page ring has gone round, records straddle its end.
const program = getpidEventProgram("BPF_PERF_OUTPUT(events);", `${FILL_EVENT} events.perf_submit(args, &ev, sizeof(ev));`);


let b: BPF | undefined;
afterEach(() => b?.close());

async function setUp() {
  b = await BPF.create({ text: program });
  return { events: b.table<PerfEventArray<Ev>>("events"), target: b.table<ArrayTable<number>>("target") };
}

/** Runs n getpid() calls in a traced child and waits for it to exit. */
async function burst(target: ArrayTable<number>, n: number, cpu?: number): Promise<number> {
  const load = gatedGetpidLoop(n, cpu);
  target.set(0, load.pid);
  await load.go();
  return load.pid;
}

describe("perf ring read from JS", () => {
  it("delivers records that wrap a one-page ring's end intact, in order", async () => {
    const { events, target } = await setUp();
    const got: Ev[] = [];
    events.openPerfBuffer((e) => got.push(e), { pageCnt: 1 });
    const pids = new Set<number>();
    // 50 records (2400 bytes) a round always fit; 30 rounds go round the ring ~17 times.
    for (let round = 0; round < 30; round++) {
      pids.add(await burst(target, 50, 0));
      while (events.consume() > 0);
    }
    expect(events.lost).toBe(0);
    expect(got.map((e) => Number(e.seq))).toEqual([...Array(1500).keys()]);
    expect(got.every((e) => pids.has(e.pid) && e.comm === "getpid-loop")).toBe(true);
  });

  it("counts what a full ring dropped, and delivers the rest", async () => {
    const { events, target } = await setUp();
    const got: Ev[] = [];
    const reported: number[] = [];
    events.openPerfBuffer((e) => got.push(e), { pageCnt: 1, lostCallback: (n, cpu) => reported.push(n, cpu) });
    const load = gatedGetpidLoop(2000, 0);
    target.set(0, load.pid);
    const exited = load.go();
    load.blockUntilExited(); // 2000 records on CPU 0 into 85 slots, nothing reading
    await exited;
    events.consume();
    // The kernel reports a loss only with its next record on that CPU.
    await burst(target, 1, 0);
    events.consume();
    expect(events.lost).toBeGreaterThan(1000);
    expect(got.length + events.lost).toBe(2001);
    expect(reported).toEqual([events.lost, 0]);
    expect(new Set(got.map((e) => e.seq)).size).toBe(got.length);
    expect(got.at(-1)?.seq).toBe(2000n);
  });

  it("stops cleanly when a callback closes the buffer mid-read", async () => {
    const { events, target } = await setUp();
    let seen = 0;
    events.openPerfBuffer(() => {
      if (++seen === 3) events.closePerfBuffer();
    }, { pageCnt: 4 });
    const load = gatedGetpidLoop(20, 0);
    target.set(0, load.pid);
    const exited = load.go();
    load.blockUntilExited(); // nothing reads until all 20 are in the ring
    await exited;
    events.consume();
    expect(seen).toBe(3);
    expect(events.isOpen).toBe(false);
    expect(events.consume()).toBe(0);
  });

  it("a throwing callback loses only its own event: the next read goes on after it", async () => {
    const { events, target } = await setUp();
    const seqs: bigint[] = [];
    events.openPerfBuffer((e) => {
      seqs.push(e.seq);
      if (e.seq === 4n) throw new Error("learner bug");
    }, { pageCnt: 4 });
    const load = gatedGetpidLoop(10, 0);
    target.set(0, load.pid);
    const exited = load.go();
    load.blockUntilExited(); // all in the ring, and no await until both reads are done: a timer's read would throw outside the test
    expect(() => events.consume()).toThrow("learner bug");
    events.consume();
    await exited;
    expect(seqs).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
  });
});

// One page of ring; every third event reserved and then discarded; failed
// reserves and discards counted, so delivered + discarded + dropped = calls.
const ringProgram = getpidEventProgram(
  "BPF_ARRAY(dropped, u64, 1);\nBPF_ARRAY(discarded, u64, 1);\nBPF_RINGBUF_OUTPUT(ring, 1);",
  `struct event_t *ev = ring.ringbuf_reserve(sizeof(struct event_t));
  if (!ev) {
    dropped.atomic_increment(zero);
    return 0;
  }
  ev->pid = pid;
  ev->seq = n;
  bpf_get_current_comm(&ev->comm, sizeof(ev->comm));
  if (n % 3 == 2) {
    ring.ringbuf_discard(ev, 0);
    discarded.atomic_increment(zero);
  } else {
    ring.ringbuf_submit(ev, 0);
  }`,
);

async function setUpRing() {
  b = await BPF.create({ text: ringProgram });
  const counter = (name: string) => Number(b!.table<ArrayTable<bigint>>(name).get(0));
  return { ring: b.table<RingBuf<Ev>>("ring"), target: b.table<ArrayTable<number>>("target"), counter };
}

describe("BPF ring buffer read from JS", () => {
  it("goes round a one-page ring many times, skipping discarded records", async () => {
    const { ring, target, counter } = await setUpRing();
    const got: Ev[] = [];
    ring.openRingBuffer((e) => got.push(e));
    const pids = new Set<number>();
    // 60 reserved a round (2400 bytes of 40-byte records) always fit; 25 rounds go round ~15 times.
    for (let round = 0; round < 25; round++) {
      pids.add(await burst(target, 60));
      while (ring.consume() > 0);
    }
    expect(counter("dropped")).toBe(0);
    expect(got.map((e) => Number(e.seq))).toEqual([...Array(1500).keys()].filter((i) => i % 3 !== 2));
    expect(got.every((e) => pids.has(e.pid) && e.comm === "getpid-loop")).toBe(true);
  });

  it("a full ring drops in the kernel and delivers what fit", async () => {
    const { ring, target, counter } = await setUpRing();
    const got: Ev[] = [];
    ring.openRingBuffer((e) => got.push(e));
    const load = gatedGetpidLoop(2000);
    target.set(0, load.pid);
    const exited = load.go();
    load.blockUntilExited(); // nothing reads meanwhile
    await exited;
    while (ring.consume() > 0);
    expect(counter("dropped")).toBeGreaterThan(1000);
    expect(got.length + counter("discarded") + counter("dropped")).toBe(2000);
    expect(new Set(got.map((e) => e.seq)).size).toBe(got.length);
    expect(got.every((e) => e.seq % 3n !== 2n && e.comm === "getpid-loop")).toBe(true);
  });

  it("a callback may throw or close the ring mid-read", async () => {
    const { ring, target } = await setUpRing();
    const seqs: bigint[] = [];
    ring.openRingBuffer((e) => {
      seqs.push(e.seq);
      if (e.seq === 1n) throw new Error("learner bug");
      if (e.seq === 4n) ring.closeRingBuffer();
    });
    const load = gatedGetpidLoop(9);
    target.set(0, load.pid);
    const exited = load.go();
    load.blockUntilExited(); // all in the ring, and no await until both reads are done: a timer's read would throw outside the test
    expect(() => ring.consume()).toThrow("learner bug");
    ring.consume();
    await exited;
    expect(seqs).toEqual([0n, 1n, 3n, 4n]);
    expect(ring.isOpen).toBe(false);
    expect(ring.consume()).toBe(0);
  });
});

describe("events without a struct", () => {
  it("arrive as their raw bytes, from both kinds of buffer, with one warning each", async () => {
    b = await BPF.create({ text: `
BPF_ARRAY(target, u32, 1);
BPF_PERF_OUTPUT(events);
BPF_RINGBUF_OUTPUT(ring, 1);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
  int zero = 0;
  u32 *t = target.lookup(&zero);
  if (!t || *t != (u32)(bpf_get_current_pid_tgid() >> 32)) return 0;
  u64 marker = 0x1122334455667788;
  events.perf_submit(args, &marker, sizeof(marker));
  ring.ringbuf_output(&marker, sizeof(marker), 0);
  return 0;
}` });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const perf: unknown[] = [];
      const ring: unknown[] = [];
      b.table<PerfEventArray>("events").openPerfBuffer((e, _cpu, raw) => perf.push(e, raw));
      b.table<RingBuf>("ring").openRingBuffer((e, raw) => ring.push(e, raw));
      await burst(b.table<ArrayTable<number>>("target"), 3);
      b.perfBufferConsume();
      b.ringBufferConsume();
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      const marker = Uint8Array.from([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
      // The ring buffer keeps the size submitted; a perf sample's size is
      // padded so its u32 size field and bytes end 8-aligned (python sees 12 too).
      expect(ring).toHaveLength(6);
      for (const x of ring) expect(x).toEqual(marker);
      expect(perf).toHaveLength(6);
      for (const x of perf) expect(x).toEqual(Uint8Array.from([...marker, 0, 0, 0, 0]));
      expect(warnings.filter((w) => w.includes("arrives as its raw bytes"))).toHaveLength(2);
    } finally {
      process.off("warning", onWarning);
    }
  });
});

// Perf and ring buffers deliver every event of a known workload, decoded.
import { describe, expect, it } from "vitest";
import { BPF, type ArrayTable, type PerfEventArray, type RingBuf } from "../../src/index.ts";
import { FILL_EVENT, getpidEventProgram, type GetpidEvent as Ev } from "../helpers/getpid-events.ts";
import { gatedGetpidLoop } from "../helpers/workload.ts";
import { within } from "../helpers/child.ts";

const program = (output: string, submit: string) => getpidEventProgram(output, `${FILL_EVENT} ${submit}`);


async function collect<E>(b: BPF, n: number, open: (push: (e: E) => void) => void, pid: number): Promise<E[]> {
  const got: E[] = [];
  open((e) => got.push(e));
  b.table<ArrayTable<number>>("target").set(0, pid);
  return got;
}

describe("perf buffer", () => {
  it("delivers N of N events, decoded into typed objects", async () => {
    const N = 20_000;
    const b = await BPF.create({ text: program("BPF_PERF_OUTPUT(events);", "events.perf_submit(args, &ev, sizeof(ev));") });
    try {
      const load = gatedGetpidLoop(N);
      const events = b.table<PerfEventArray<Ev>>("events");
      const got = await collect<Ev>(b, N, (push) => events.openPerfBuffer(push, { pageCnt: 256 }), load.pid);
      expect(await load.go()).toBe(0);
      await within((async () => { while (got.length < N && events.lost === 0) await b.perfBufferPoll(200); })(), 20_000, `${N} events`);
      expect(events.lost).toBe(0);
      expect(got.length).toBe(N);
      expect(got[0]).toEqual({ pid: load.pid, seq: expect.any(BigInt), comm: "getpid-loop" });
      const seqs = got.map((e) => Number(e.seq)).sort((a, z) => a - z);
      expect(seqs[0]).toBe(0);
      expect(seqs[N - 1]).toBe(N - 1);
    } finally {
      b.close();
    }
  });

  it("also reads as an async iterator", async () => {
    const b = await BPF.create({ text: program("BPF_PERF_OUTPUT(events);", "events.perf_submit(args, &ev, sizeof(ev));") });
    try {
      const load = gatedGetpidLoop(5);
      const events = b.table<PerfEventArray<{ pid: number; seq: bigint }>>("events");
      const it = events.events();
      b.table<ArrayTable<number>>("target").set(0, load.pid);
      await load.go();
      const seen: bigint[] = [];
      for await (const e of it) {
        seen.push(e.seq);
        if (seen.length === 5) break;
      }
      expect(seen.sort()).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events.isOpen).toBe(false); // breaking out closed it
    } finally {
      b.close();
    }
  });
});

describe("ring buffer", () => {
  it("delivers N of N events", async () => {
    const N = 20_000;
    const b = await BPF.create({ text: program("BPF_RINGBUF_OUTPUT(ring, 256);", "ring.ringbuf_output(&ev, sizeof(ev), 0);") });
    try {
      const load = gatedGetpidLoop(N);
      const ring = b.table<RingBuf<Ev>>("ring");
      const got = await collect<Ev>(b, N, (push) => ring.openRingBuffer(push), load.pid);
      expect(await load.go()).toBe(0);
      await within((async () => { while (got.length < N) await b.ringBufferPoll(200); })(), 20_000, `${N} events`);
      expect(got.length).toBe(N);
      expect(got[N - 1]).toEqual({ pid: load.pid, seq: BigInt(N - 1), comm: "getpid-loop" });
    } finally {
      b.close();
    }
  });
});

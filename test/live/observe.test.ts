// The binding's observation channels and the child's report: a program run
// through runProgram reports what it attached, its maps and helpers, what
// it listened on, and its maps' contents at the end; and a subscriber with
// no tutor code at all sees the binding's messages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/lesson/runner.ts";
import { lessonSchema } from "../../src/lesson/schema.ts";
import { buildFixture } from "../helpers/fixtures.ts";
import { runScript, within } from "../helpers/child.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-observe-"));
const program = (name: string, source: string): string => {
  const file = path.join(dir, `${name}.mts`);
  fs.writeFileSync(file, source);
  return file;
};
const lesson = (trigger: unknown[]) =>
  lessonSchema.parse({ id: "observe", number: 99, kind: "example", answer: "answers/99-observe.ts", variants: [{ name: "portable", probe: "t", needs: [] }], c: { portable: "// the test program carries its own C" }, trigger, timeoutMs: 60_000 });

const CALLS = 500;

describe("the child's report", () => {
  it("has the attach, the maps, the helpers, the listen and the hash's counts after a known workload", async () => {
    const loop = buildFixture("getpid-loop");
    const file = program("perf", `
import { BPF } from "bcc-tutor";
const b = await BPF.create({ text: \`
struct comm_t { char comm[16]; };
BPF_HASH(counts, struct comm_t, u64);
BPF_PERF_OUTPUT(events);
TRACEPOINT_PROBE(syscalls, sys_enter_getpid) {
  struct comm_t k = {};
  bpf_get_current_comm(&k.comm, sizeof(k.comm));
  counts.increment(k);
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  events.perf_submit(args, &pid, sizeof(pid));
  return 0;
}\` });
b.table("events").openPerfBuffer(() => {});
`);
    // The loop waits for a line on stdin, then calls getpid() CALLS times.
    const run = await runProgram({ lesson: lesson([{ kind: "exec", argv: ["sh", "-c", `echo go | ${loop} ${CALLS}`] }]), file, variant: "portable" });
    expect(run.ready, run.stderr).toBe(true);
    const r = run.report;
    expect(r.attaches).toEqual([{ kind: "tracepoint", target: "syscalls:sys_enter_getpid", fn: "tracepoint__syscalls__sys_enter_getpid", loadOnly: false }]);
    const byName = Object.fromEntries(r.maps.map((m) => [m.name, m]));
    expect(byName.counts).toMatchObject({ type: "hash", maxEntries: 10240, leaf: JSON.stringify("unsigned long long") }); // bcc's description, as libbcc gives it
    expect(byName.counts!.key).toContain("comm");
    expect(byName.events).toMatchObject({ type: "perf_event_array" });
    expect(r.programs).toHaveLength(1);
    expect(r.programs[0]).toMatchObject({ name: "tracepoint__syscalls__sys_enter_getpid", progType: "tracepoint" });
    expect(r.programs[0]!.helpers).toEqual(expect.arrayContaining(["bpf_get_current_comm", "bpf_map_lookup_elem", "bpf_perf_event_output", "bpf_get_current_pid_tgid"]));
    expect(r.programs[0]!.helpers).not.toContain("bpf_trace_printk");
    expect(r.listens).toEqual([{ kind: "perf_buffer", name: "events" }]);
    const counts = r.snapshot?.counts;
    expect(counts?.truncated).toBe(false);
    const mine = counts?.entries.find((e) => (e.key as { comm: string }).comm === "getpid-loop");
    expect(mine, JSON.stringify(counts)).toBeDefined();
    expect(mine!.value).toBe(CALLS);
    expect(r.snapshot?.events).toBeUndefined(); // event buffers are not read
  }, 90_000);

  it("in load-only mode, attaches nothing, says so, and still lists the helpers (a kprobe, where there are none)", async () => {
    const file = program("printk", `
import { BPF } from "bcc-tutor";
const b = await BPF.create({ text: 'int kprobe____x64_sys_sync(void *ctx) { bpf_trace_printk("sync\\\\n"); return 0; }' });
await new Promise((r) => setTimeout(r, 60_000));
`);
    const run = await runProgram({ lesson: lesson([]), file, variant: "original", loadOnly: true });
    expect(run.ready, run.stderr).toBe(true);
    expect(run.probes).toBe(0);
    expect(run.report.attaches).toEqual([{ kind: "kprobe", target: "__x64_sys_sync", fn: "kprobe____x64_sys_sync", loadOnly: true }]);
    expect(run.report.programs[0]).toMatchObject({ progType: "kprobe" });
    expect(run.report.programs[0]!.helpers).toContain("bpf_trace_printk");
    expect(run.report.maps).toEqual([]);
  }, 60_000);
});

describe("the channels, seen from outside the tutor", () => {
  it("a plain diagnostics_channel subscriber sees created, loaded, program, attach, attached, listen and closing", async () => {
    // No preload: only the binding and node:diagnostics_channel.
    const child = runScript(`
import dc from "node:diagnostics_channel";
const seen = [];
for (const name of ["bcc:bpf:created", "bcc:bpf:loaded", "bcc:program:loaded", "bcc:probe:attach", "bcc:probe:attached", "bcc:listen", "bcc:bpf:closing"]) {
  dc.subscribe(name, (m) => seen.push({ name, kind: m.kind, target: m.target, tables: m.tables?.map((t) => t.name + ":" + t.type), progType: m.progType, insns: m.insns?.length, hasBpf: m.bpf !== undefined }));
}
const { BPF } = await import("BINDING");
const b = await BPF.create({ text: "BPF_RINGBUF_OUTPUT(rb, 8); TRACEPOINT_PROBE(syscalls, sys_enter_sync) { u32 x = 1; rb.ringbuf_output(&x, sizeof(x), 0); return 0; }" });
b.table("rb").openRingBuffer(() => {});
b.close();
console.log(JSON.stringify(seen));
`, {}, { preload: false });
    const { code } = await within(child.exit, 60_000, "the child to finish");
    expect(code, child.stderr()).toBe(0);
    const seen = JSON.parse(child.stdout()) as Array<Record<string, unknown>>;
    expect(seen.map((s) => s.name)).toEqual(["bcc:bpf:created", "bcc:bpf:loaded", "bcc:program:loaded", "bcc:probe:attach", "bcc:probe:attached", "bcc:listen", "bcc:bpf:closing"]);
    expect(seen[1]!.tables).toEqual(["rb:ringbuf"]);
    expect(seen[2]).toMatchObject({ progType: "tracepoint" });
    expect(seen[2]!.insns as number).toBeGreaterThan(0);
    expect(seen[3]).toMatchObject({ kind: "tracepoint", target: "syscalls:sys_enter_sync" });
    expect(seen[5]).toMatchObject({ kind: "ring_buffer" });
    expect(seen.every((s) => s.hasBpf)).toBe(true);
  }, 60_000);

  it("a subscriber that sets loadOnly gets the function verified and nothing attached", async () => {
    const child = runScript(`
import dc from "node:diagnostics_channel";
dc.subscribe("bcc:probe:attach", (m) => { m.loadOnly = true; });
const { BPF } = await import("BINDING");
const b = await BPF.create({ text: "TRACEPOINT_PROBE(syscalls, sys_enter_sync) { return 0; }" });
console.log(b.numOpenProbes);
b.detachTracepoint("syscalls:sys_enter_sync");
b.close();
`, {}, { preload: false });
    const { code } = await within(child.exit, 60_000, "the child to finish");
    expect(code, child.stderr()).toBe(0);
    expect(child.stdout().trim()).toBe("0");
  }, 60_000);
});

describe("attach targets of USDT and socket filters, as the report names them", async () => {
  const { loadLessons } = await import("../../src/lesson/registry.ts");
  const { answerFile } = await import("../../src/lesson/workspace.ts");
  const { lessons } = await loadLessons();
  const byNumber = (n: number) => lessons.find((l) => l.number === n)!;

  it("lesson 15: a usdt attach at <path>:<provider>:<probe> per site", async () => {
    const l = byNumber(15);
    const run = await runProgram({ lesson: l, file: answerFile(l)!, variant: "portable", trigger: false });
    expect(run.ready, run.stderr).toBe(true);
    expect(run.report.attaches.length).toBeGreaterThan(0);
    for (const a of run.report.attaches) expect(a).toMatchObject({ kind: "usdt", target: expect.stringMatching(/^\/.+:[\w]+:http__server__request$/), loadOnly: false });
  }, 60_000);

  it("lesson 18: a socket_filter attach on the interface, and the raw socket listened on", async () => {
    const l = byNumber(18);
    const run = await runProgram({ lesson: l, file: answerFile(l)!, variant: "portable", trigger: false });
    expect(run.ready, run.stderr).toBe(true);
    expect(run.report.attaches).toEqual([expect.objectContaining({ kind: "socket_filter", target: "lo", loadOnly: false })]);
    expect(run.report.listens).toEqual([{ kind: "raw_socket", name: "lo" }]);
    expect(run.report.programs[0]).toMatchObject({ progType: "socket_filter" });
  }, 60_000);
});

// Attaching loaded functions to kernel and user probes, and remembering each
// attachment so close() can undo it in bcc's order.
import fs from "node:fs";
import { lib } from "./clib.ts";
import { closeQuietly } from "./fd.ts";
import { withStderrCaptured } from "./stderr-capture.ts";
import { BpfAttachError, KprobesUnavailableError } from "./errors.ts";
import { kprobesAvailable } from "./capabilities.ts";
import { tracepointExists, tracefsPath } from "./tracefs.ts";
import { getKprobeFunctions } from "./kprobe-functions.ts";
import { findLibrary, resolveSymbol } from "./symbols.ts";
import { publish, type ProbeKind } from "./observe.ts";
import { Attachments } from "./attachments.ts";

interface Loaded { name: string; fd: number }

export interface UprobeSpec {
  /** Library name ("c") or path of the binary. */
  name: string;
  sym?: string;
  addr?: number | bigint;
  symOff?: number;
  /** -1 (default): every process. */
  pid?: number;
}

const ENTRY = 0;
const RETURN = 1;

/** How an observer sees an attachment, where it is not what the call says (USDT sites are uprobes). */
export interface ObservedAs { kind: ProbeKind; target: string }

export class Probes {
  // By event (a kprobe's or uprobe's ev_name, a tracepoint) and function: one
  // event may run several functions, each through a perf fd of its own.
  private kprobes = new Attachments();
  private uprobes = new Attachments();
  private tracepoints = new Attachments();
  private rawTracepoints = new Attachments();
  /** "kind target" of what an observer asked to load only: detaching it is a no-op. */
  private loadedOnly = new Set<string>();

  /** owner: the BPF object, named in what observers are told. */
  constructor(private readonly owner: unknown) {}

  get count(): number {
    return this.kprobes.count + this.uprobes.count + this.tracepoints.count + this.rawTracepoints.count;
  }

  attachKprobe(fn: Loaded, opts: { event?: string; eventRe?: RegExp; eventOff?: number; maxActive?: number }, ret: boolean): void {
    const kind = ret ? "kretprobe" : "kprobe";
    if (opts.eventRe && kprobesAvailable()) {
      const matches = getKprobeFunctions(opts.eventRe);
      if (matches.length === 0) throw new BpfAttachError(kind, String(opts.eventRe), "no kernel function matches this pattern");
      for (const event of matches) this.attachKprobe(fn, { ...opts, eventRe: undefined, event }, ret);
      return;
    }
    const target = opts.event ?? (opts.eventRe ? String(opts.eventRe) : undefined);
    if (!target) throw new BpfAttachError(kind, "?", "give event or eventRe");
    const event = target;
    const evName = kprobeEvName(event, ret);
    once(this.kprobes, evName, fn, kind, event);
    // Load-only works where kprobes do not: that is what it is for.
    if (!this.gate(kind, target, fn)) return;
    if (!kprobesAvailable()) throw new KprobesUnavailableError(kind, target);
    const { result: fd, log } = withStderrCaptured(() =>
      lib.bpf_attach_kprobe(fn.fd, ret ? RETURN : ENTRY, evName, event, BigInt(opts.eventOff ?? 0), opts.maxActive ?? 0) as number,
    );
    if (fd < 0) throw new BpfAttachError(kind, event, reason(log, "is it a kernel function that can be probed? See /proc/kallsyms"));
    this.kprobes.add(evName, fn.name, fd);
    this.attached(kind, event, fn);
  }

  detachKprobe(event: string, ret: boolean): void {
    if (this.loadedOnly.delete(`${ret ? "kretprobe" : "kprobe"} ${event}`)) return;
    const evName = kprobeEvName(event, ret);
    const fds = this.kprobes.take(evName);
    if (fds.length === 0) throw new BpfAttachError(ret ? "kretprobe" : "kprobe", event, "it is not attached");
    closeProbes(fds, () => lib.bpf_detach_kprobe(evName));
  }

  attachTracepoint(fn: Loaded, tp: string): void {
    const [category, event] = splitTp(tp);
    once(this.tracepoints, tp, fn, "tracepoint", tp);
    if (!this.gate("tracepoint", tp, fn)) return;
    if (!tracefsPath()) throw new BpfAttachError("tracepoint", tp, "tracefs is not mounted: mount it with: mount -t tracefs tracefs /sys/kernel/tracing");
    if (!tracepointExists(category, event)) {
      throw new BpfAttachError("tracepoint", tp, `no such tracepoint on this kernel (${tracefsPath()}/events/${category}/${event} does not exist); list them with: ls ${tracefsPath()}/events/${category}`);
    }
    const { result: fd, log } = withStderrCaptured(() => lib.bpf_attach_tracepoint(fn.fd, category, event) as number);
    if (fd < 0) throw new BpfAttachError("tracepoint", tp, reason(log, "the kernel refused it"));
    this.tracepoints.add(tp, fn.name, fd);
    this.attached("tracepoint", tp, fn);
  }

  detachTracepoint(tp: string): void {
    if (this.loadedOnly.delete(`tracepoint ${tp}`)) return;
    const [category, event] = splitTp(tp);
    const fds = this.tracepoints.take(tp);
    if (fds.length === 0) throw new BpfAttachError("tracepoint", tp, "it is not attached");
    closeProbes(fds, () => lib.bpf_detach_tracepoint(category, event));
  }

  attachRawTracepoint(fn: Loaded, tp: string): void {
    once(this.rawTracepoints, tp, fn, "raw_tracepoint", tp);
    if (!this.gate("raw_tracepoint", tp, fn)) return;
    const { result: fd, log } = withStderrCaptured(() => lib.bpf_attach_raw_tracepoint(fn.fd, tp) as number);
    if (fd < 0) throw new BpfAttachError("raw_tracepoint", tp, reason(log, "no such raw tracepoint?"));
    this.rawTracepoints.add(tp, fn.name, fd);
    this.attached("raw_tracepoint", tp, fn);
  }

  detachRawTracepoint(tp: string): void {
    if (this.loadedOnly.delete(`raw_tracepoint ${tp}`)) return;
    const fds = this.rawTracepoints.take(tp);
    if (fds.length === 0) throw new BpfAttachError("raw_tracepoint", tp, "it is not attached");
    for (const fd of fds) closeQuietly(fd);
  }

  attachUprobe(fn: Loaded, spec: UprobeSpec, ret: boolean, as?: ObservedAs): void {
    const kind = ret ? "uretprobe" : "uprobe";
    const { path, offset, evName } = this.locate(spec, kind, ret);
    const seen = as ?? { kind, target: uprobeTarget(path, spec) };
    once(this.uprobes, evName, fn, kind, describe(spec));
    if (!this.gate(seen.kind, seen.target, fn)) return;
    const pid = spec.pid ?? -1;
    const { result: fd, log } = withStderrCaptured(() =>
      // ref_ctr_offset is 0: python passes 6 arguments to this 7-argument function.
      lib.bpf_attach_uprobe(fn.fd, ret ? RETURN : ENTRY, evName, path, offset, pid, 0) as number,
    );
    if (fd < 0) throw new BpfAttachError(kind, describe(spec), reason(log, "the kernel refused it"));
    this.uprobes.add(evName, fn.name, fd);
    this.attached(seen.kind, seen.target, fn);
  }

  detachUprobe(spec: UprobeSpec, ret: boolean): void {
    const kind = ret ? "uretprobe" : "uprobe";
    const { path, evName } = this.locate(spec, kind, ret);
    if (this.loadedOnly.delete(`${kind} ${uprobeTarget(path, spec)}`)) return;
    const fds = this.uprobes.take(evName);
    if (fds.length === 0) throw new BpfAttachError(kind, describe(spec), "it is not attached");
    closeProbes(fds, () => lib.bpf_detach_uprobe(evName));
  }

  /** Undoes everything, in bcc's order: kprobes, uprobes, tracepoints, raw tracepoints. */
  detachAll(): void {
    for (const [ev, fds] of this.kprobes.takeAll()) closeProbes(fds, () => lib.bpf_detach_kprobe(ev));
    for (const [ev, fds] of this.uprobes.takeAll()) closeProbes(fds, () => lib.bpf_detach_uprobe(ev));
    for (const [, fds] of this.tracepoints.takeAll()) closeProbes(fds);
    for (const [, fds] of this.rawTracepoints.takeAll()) for (const fd of fds) closeQuietly(fd);
    this.loadedOnly.clear();
  }

  /** Tells observers an attach is coming; false when one asked to load only (then nothing is attached). */
  private gate(kind: ProbeKind, target: string, fn: Loaded): boolean {
    const msg = publish("probeAttach", { bpf: this.owner, kind, target, fnName: fn.name, loadOnly: false });
    if (!msg.loadOnly) return true;
    this.loadedOnly.add(`${kind} ${target}`);
    publish("probeAttached", { bpf: this.owner, kind, target, fnName: fn.name, loadOnly: true });
    return false;
  }

  private attached(kind: ProbeKind, target: string, fn: Loaded): void {
    publish("probeAttached", { bpf: this.owner, kind, target, fnName: fn.name, loadOnly: false });
  }

  private locate(spec: UprobeSpec, kind: "uprobe" | "uretprobe", ret: boolean) {
    const resolved = resolveSymbol(spec.name, spec.sym ?? "", spec.pid ?? -1, BigInt(spec.addr ?? 0));
    if (!resolved) {
      const what = spec.sym ? `symbol ${spec.sym} not found in ${spec.name}` : `binary or library ${spec.name} not found`;
      const libOk = spec.name.includes("/") ? fs.existsSync(spec.name) : findLibrary(spec.name, spec.pid ?? 0) !== undefined;
      throw new BpfAttachError(kind, describe(spec), libOk ? what : `library or binary ${spec.name} not found (give a path, or a library name like "c")`);
    }
    const offset = resolved.offset + BigInt(spec.symOff ?? 0);
    const pid = spec.pid ?? -1;
    const evName = `${ret ? "r" : "p"}_${resolved.module}`.replace(/[^a-zA-Z0-9_]/g, "_") + `_0x${offset.toString(16)}${pid > 0 ? `_${pid}` : ""}`;
    return { path: resolved.module, offset, evName };
  }
}

function splitTp(tp: string): [string, string] {
  const i = tp.indexOf(":");
  if (i <= 0 || i === tp.length - 1) throw new BpfAttachError("tracepoint", tp, 'write it as "category:event", e.g. "syscalls:sys_enter_sync"');
  return [tp.slice(0, i), tp.slice(i + 1)];
}

/** "<path>:<symbol>" or "<path>:0x<addr>", the path as resolved. */
function uprobeTarget(path: string, spec: UprobeSpec): string {
  const where = spec.sym ? spec.sym + (spec.symOff ? `+0x${spec.symOff.toString(16)}` : "") : `0x${BigInt(spec.addr ?? 0).toString(16)}`;
  return `${path}:${where}`;
}

function describe(spec: UprobeSpec): string {
  return `${spec.name}:${spec.sym ?? `0x${BigInt(spec.addr ?? 0).toString(16)}`}${spec.pid && spec.pid > 0 ? ` (pid ${spec.pid})` : ""}`;
}

function reason(log: string, fallback: string): string {
  const l = log.trim().split("\n").filter(Boolean).pop();
  return l ? `${l} (${fallback})` : fallback;
}

function kprobeEvName(event: string, ret: boolean): string {
  return `${ret ? "r" : "p"}_${event.replace(/[+.]/g, "_")}`;
}

/** The same function twice on one event would need a second fd under the same key: refuse it, so none goes untracked. */
function once(list: Attachments, event: string, fn: Loaded, kind: BpfAttachError["kind"], what: string): void {
  if (list.has(event, fn.name)) throw new BpfAttachError(kind, what, `function ${fn.name} is already attached to it`);
}

/** Closes every fd of one event, then removes its legacy tracefs probe (shared by them all), if libbcc had to make one. */
function closeProbes(fds: number[], detach?: () => unknown): void {
  withStderrCaptured(() => {
    for (const fd of fds) lib.bpf_close_perf_event_fd(fd);
    detach?.();
  });
}

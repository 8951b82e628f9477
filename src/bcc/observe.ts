// What the binding tells an observer, on node:diagnostics_channel: BPF
// objects compiled and closing, programs loaded, probes attached, event
// readers opened, fatal errors. A supervisor (a test harness, the tutor's
// lesson runner) subscribes from outside; the binding never knows who
// listens. Publishing costs nothing when no one does.
import dc from "node:diagnostics_channel";
import { MapType, ProgType } from "./consts.ts";

export const CHANNELS = {
  bpfCreated: "bcc:bpf:created",
  bpfLoaded: "bcc:bpf:loaded",
  programLoaded: "bcc:program:loaded",
  probeAttach: "bcc:probe:attach",
  probeAttached: "bcc:probe:attached",
  listen: "bcc:listen",
  bpfClosing: "bcc:bpf:closing",
  error: "bcc:error",
  stderrCapture: "bcc:stderr:capture",
  compile: "bcc:compile",
} as const;

/** A map of a compiled module, as observers see it. */
export interface TableInfo {
  name: string;
  /** "hash", "array", "percpu_hash", "perf_event_array", "ringbuf", ... (MapType's key, lower case). */
  type: string;
  /** bcc's type description of the key ("" for queues, stacks, ring buffers). */
  key: string;
  leaf: string;
  maxEntries: number;
}

export type ProbeKind = "kprobe" | "kretprobe" | "tracepoint" | "raw_tracepoint" | "uprobe" | "uretprobe" | "usdt" | "socket_filter";
export type ListenKind = "perf_buffer" | "ring_buffer" | "trace_pipe" | "raw_socket";

/** The messages, by channel. `bpf` is the BPF object (typed loosely: this module imports no class). */
export interface BpfMessage { bpf: unknown }
export interface BpfLoadedMessage extends BpfMessage { tables: TableInfo[] }
export interface ProgramLoadedMessage extends BpfMessage { name: string; progType: string; fd: number; insns: Uint8Array }
/** On probeAttach a subscriber may set loadOnly: the function is then loaded (verified) but not attached. */
export interface ProbeMessage extends BpfMessage { kind: ProbeKind; target: string; fnName: string; loadOnly: boolean }
export interface ListenMessage { bpf?: unknown; kind: ListenKind; name?: string }
export interface ErrorMessage { error: unknown }
/** A subscriber may set file: libbcc's stderr is then captured into that file (it survives an LLVM abort). */
export interface StderrCaptureMessage { file: string | undefined }
/** A compile (clang and LLVM, off the main thread) begins or ends: a supervisor may leave its time out of a program's own. */
export interface CompileMessage { phase: "start" | "end" }

const channels = {
  bpfCreated: dc.channel(CHANNELS.bpfCreated),
  bpfLoaded: dc.channel(CHANNELS.bpfLoaded),
  programLoaded: dc.channel(CHANNELS.programLoaded),
  probeAttach: dc.channel(CHANNELS.probeAttach),
  probeAttached: dc.channel(CHANNELS.probeAttached),
  listen: dc.channel(CHANNELS.listen),
  bpfClosing: dc.channel(CHANNELS.bpfClosing),
  error: dc.channel(CHANNELS.error),
  stderrCapture: dc.channel(CHANNELS.stderrCapture),
  compile: dc.channel(CHANNELS.compile),
};

type Name = keyof typeof channels;

/** Whether anyone listens on a channel (lets callers skip building costly messages). */
export function observed(name: Name): boolean {
  return channels[name].hasSubscribers;
}

/** Publishes msg and returns it, so a subscriber's answer (loadOnly, file) can be read back. */
export function publish<T extends object>(name: Name, msg: T): T {
  const ch = channels[name];
  if (ch.hasSubscribers) {
    try {
      ch.publish(msg);
    } catch {
      // diagnostics_channel rethrows a subscriber's error asynchronously; never let one break the binding
    }
  }
  return msg;
}

const lowerNames = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [v, k.toLowerCase()]));
const mapTypeNames = lowerNames(MapType);
const progTypeNames = lowerNames(ProgType);

export const mapTypeName = (t: number): string => mapTypeNames.get(t) ?? `type_${t}`;
export const progTypeName = (t: number): string => progTypeNames.get(t) ?? `type_${t}`;

// What the running kernel offers for tracing, probed from sysfs/tracefs
// without loading anything, for callers choosing what to attach and for the
// binding's own error messages.
import fs from "node:fs";
import { tracefsPath } from "./tracefs.ts";

export function kprobesAvailable(): boolean {
  const t = tracefsPath();
  return fs.existsSync("/sys/bus/event_source/devices/kprobe") || (t !== undefined && fs.existsSync(`${t}/kprobe_events`));
}

export function uprobesAvailable(): boolean {
  const t = tracefsPath();
  return fs.existsSync("/sys/bus/event_source/devices/uprobe") || (t !== undefined && fs.existsSync(`${t}/uprobe_events`));
}

export function tracepointsAvailable(): boolean {
  const t = tracefsPath();
  return t !== undefined && fs.existsSync(`${t}/events/syscalls`);
}

export function btfAvailable(): boolean {
  return fs.existsSync("/sys/kernel/btf/vmlinux");
}

/**
 * What a lesson variant can need, as a string: "kprobe", "uprobe", "usdt",
 * "tracepoint:<category>:<event>", "raw_tracepoint", "perf_buffer",
 * "ring_buffer", "socket_filter", "btf".
 */
export type Capability = string;

export const KNOWN_CAPABILITIES = ["kprobe", "uprobe", "usdt", "tracepoint", "raw_tracepoint", "perf_buffer", "ring_buffer", "socket_filter", "btf"] as const;

export function isKnownCapability(cap: Capability): boolean {
  const base = cap.split(":")[0]!;
  return (KNOWN_CAPABILITIES as readonly string[]).includes(base) && (base !== "tracepoint" || /^tracepoint:[\w-]+:[\w-]+$/.test(cap) || cap === "tracepoint");
}

/** Whether the running kernel offers cap. */
export function hasCapability(cap: Capability): boolean {
  const [base, category, event] = cap.split(":");
  switch (base) {
    case "kprobe":
      return kprobesAvailable();
    case "uprobe":
    case "usdt":
      return uprobesAvailable();
    case "tracepoint":
      if (category && event) {
        const t = tracefsPath();
        return t !== undefined && fs.existsSync(`${t}/events/${category}/${event}`);
      }
      return tracepointsAvailable();
    case "btf":
      return btfAvailable();
    case "raw_tracepoint":
    case "perf_buffer":
    case "ring_buffer":
    case "socket_filter":
      return true; // every kernel bcc 0.26 runs on has these
    default:
      return false;
  }
}

/** CAP_BPF (bit 39) and CAP_PERFMON (bit 38) of this process's effective set. */
export function bpfCapabilities(): { bpf: boolean; perfmon: boolean } {
  try {
    const capEff = /CapEff:\s*([0-9a-f]+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? "0";
    const caps = BigInt(`0x${capEff}`);
    return { bpf: ((caps >> 39n) & 1n) === 1n, perfmon: ((caps >> 38n) & 1n) === 1n };
  } catch {
    return { bpf: false, perfmon: false };
  }
}

/** Root, or CAP_BPF with CAP_PERFMON: what loading a BPF program takes. */
export function canLoadBpf(): boolean {
  if (process.getuid?.() === 0) return true;
  const c = bpfCapabilities();
  return c.bpf && c.perfmon;
}

// What the running kernel offers for tracing, probed from sysfs/tracefs
// without loading anything. Shared by the doctor, the lesson runner and the
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

// Collects what this machine can do for the tutorial. Every libbcc use is a
// dynamic import, so a machine without libbcc still gets a full report.
import fs from "node:fs";
import os from "node:os";
import { headersStatus, mergedHeadersDir } from "../kernel-source.ts";
import { tracefsPath } from "../bcc/tracefs.ts";
import { bpfCapabilities, btfAvailable, kprobesAvailable, tracepointsAvailable, uprobesAvailable } from "../bcc/capabilities.ts";

export type Status = "ok" | "missing" | "skipped";
export interface Check {
  status: Status;
  ok: boolean;
  /** Values the message is built from (path, version, error...). */
  detail: Record<string, string>;
}

export const CHECK_KEYS = ["root", "libbcc", "kernel", "headers", "tracefs", "kprobes", "uprobes", "tracepoints", "btf", "perfBuffer", "ringBuffer", "fentry"] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];
export type DoctorReport = Record<CheckKey, Check> & { summary: "ready" | "portable" | "blocked" };

const ok = (detail: Record<string, string> = {}): Check => ({ status: "ok", ok: true, detail });
const missing = (detail: Record<string, string> = {}): Check => ({ status: "missing", ok: false, detail });
const skipped = (reason: string): Check => ({ status: "skipped", ok: false, detail: { reason } });

export async function collectReport(opts: { loadTests?: boolean } = {}): Promise<DoctorReport> {
  const root = rootCheck();
  const hs = headersStatus();
  const t = tracefsPath();
  const libbcc = await libbccCheck();
  const r: DoctorReport = {
    root,
    libbcc,
    kernel: ok({ release: os.release() }),
    // Missing: where `bcc-tutor setup` would have put the merged tree.
    headers: hs.kind === "missing" ? missing({ merged: mergedHeadersDir() }) : ok({ kind: hs.kind, path: hs.path }),
    tracefs: t ? ok({ path: t }) : missing(),
    kprobes: kprobesAvailable() ? ok() : missing(),
    uprobes: uprobesAvailable() ? ok() : missing(),
    tracepoints: tracepointsAvailable() ? ok() : missing(),
    btf: btfAvailable() ? ok() : missing(),
    perfBuffer: skipped("needs root, libbcc and kernel headers"),
    ringBuffer: skipped("needs root, libbcc and kernel headers"),
    fentry: skipped("needs root, libbcc and kernel BTF"),
    summary: "blocked",
  };
  const canLoad = root.ok && libbcc.ok && r.headers.ok && (opts.loadTests ?? true);
  if (canLoad) {
    const { loadChecks } = await import("./load-checks.ts");
    Object.assign(r, await loadChecks(r.btf.ok));
  }
  const needed: CheckKey[] = ["root", "libbcc", "headers", "tracefs", "tracepoints", "uprobes"];
  r.summary = needed.every((k) => r[k].ok) ? (r.kprobes.ok ? "ready" : "portable") : "blocked";
  return r;
}

function rootCheck(): Check {
  const uid = process.getuid?.() ?? -1;
  const caps = bpfCapabilities();
  const detail = { uid: String(uid), capBpf: String(caps.bpf), capPerfmon: String(caps.perfmon) };
  if (uid === 0) return ok({ ...detail, how: "root" });
  if (caps.bpf && caps.perfmon) return ok({ ...detail, how: "caps" });
  return missing(detail);
}

async function libbccCheck(): Promise<Check> {
  try {
    (await import("../bcc/clib.ts")).loadLibbcc();
  } catch (err) {
    return missing({ error: (err as Error).message });
  }
  const line = fs.readFileSync("/proc/self/maps", "utf8").split("\n").find((l) => /\/libbcc\.so/.test(l));
  const file = line?.trim().split(/\s+/).pop() ?? "libbcc.so.0";
  const real = fs.existsSync(file) ? fs.realpathSync(file) : file;
  const version = /libbcc\.so\.(\d+\.\d+\.\d+)/.exec(real)?.[1] ?? "unknown version";
  return ok({ version, path: real });
}

// Loaded with `node --import` into every program the lesson runner starts
// (after tsx). It subscribes to the binding's observation channels and does
// the tutor's part of the supervision, so the binding knows nothing of it:
//  - reports to the runner on BCC_TUTOR_READY_FD, one JSON line per event:
//    "ready" once the attach calls of a tick have run, "error", and what the
//    checker reads (attach, maps, program, listen, snapshot);
//  - BCC_TUTOR_LOAD_ONLY=1: attach calls stop after loading (the verifier
//    runs), so a variant is proven on a kernel that cannot attach it;
//  - BCC_TUTOR_CAPTURE_FILE: libbcc's stderr is captured into that file,
//    which the runner reads if LLVM aborts the process.
import dc from "node:diagnostics_channel";
import {
  CHANNELS,
  type BpfLoadedMessage,
  type BpfMessage,
  type CompileMessage,
  type ErrorMessage,
  type ListenMessage,
  type ProbeMessage,
  type ProgramLoadedMessage,
  type StderrCaptureMessage,
  type TableInfo,
} from "../bcc/observe.ts";
import { helpersCalled } from "./bpf-helpers.ts";
import { snapshotMaps } from "./map-snapshot.ts";
import { writeLine } from "./write-line.ts";

const env = process.env;
const fdText = env.BCC_TUTOR_READY_FD;
const out = fdText && /^\d+$/.test(fdText) ? Number(fdText) : undefined;
const send = (msg: Record<string, unknown>): void => {
  if (out !== undefined) writeLine(out, JSON.stringify(msg));
};

if (env.BCC_TUTOR_LOAD_ONLY === "1") {
  dc.subscribe(CHANNELS.probeAttach, (m) => ((m as ProbeMessage).loadOnly = true));
}
if (env.BCC_TUTOR_CAPTURE_FILE) {
  const file = env.BCC_TUTOR_CAPTURE_FILE;
  dc.subscribe(CHANNELS.stderrCapture, (m) => ((m as StderrCaptureMessage).file = file));
}

if (out !== undefined) {
  // Readiness: debounced, so a program attaching five probes in one tick is
  // ready once, after the fifth; event readers count too (events before
  // they open are lost).
  let attached = 0;
  let pending: NodeJS.Immediate | undefined;
  const schedule = (): void => {
    if (pending) clearImmediate(pending);
    pending = setImmediate(() => {
      pending = undefined;
      send({ event: "ready", probes: attached });
    });
    pending.unref();
  };

  // The runner's deadline does not run while clang does (a loaded machine's compile is not the program's fault).
  dc.subscribe(CHANNELS.compile, (m) => send({ event: "compile", phase: (m as CompileMessage).phase }));
  dc.subscribe(CHANNELS.probeAttached, (m) => {
    const { kind, target, fnName, loadOnly } = m as ProbeMessage;
    send({ event: "attach", kind, target, fn: fnName, loadOnly });
    if (!loadOnly) attached++;
    schedule();
  });
  dc.subscribe(CHANNELS.listen, (m) => {
    const { kind, name } = m as ListenMessage;
    send({ event: "listen", kind, name });
    schedule();
  });
  dc.subscribe(CHANNELS.programLoaded, (m) => {
    const { name, progType, insns } = m as ProgramLoadedMessage;
    send({ event: "program", name, progType, helpers: helpersCalled(insns) });
  });
  dc.subscribe(CHANNELS.error, (m) => {
    const e = (m as ErrorMessage).error as { name?: string; message?: string; diagnostics?: unknown; source?: string } | undefined;
    send({ event: "error", name: e?.name, message: e?.message, diagnostics: e?.diagnostics, source: e?.source });
  });

  // Maps: announced when compiled, read when their object closes (or at
  // exit, whichever comes first), while they are still readable.
  const open = new Map<unknown, TableInfo[]>();
  const snapshot = (bpf: unknown): void => {
    const tables = open.get(bpf);
    if (!tables) return;
    open.delete(bpf);
    send({ event: "snapshot", maps: snapshotMaps(bpf as Parameters<typeof snapshotMaps>[0], tables) });
  };
  dc.subscribe(CHANNELS.bpfLoaded, (m) => {
    const { bpf, tables } = m as BpfLoadedMessage;
    open.set(bpf, tables);
    send({ event: "maps", maps: tables });
  });
  dc.subscribe(CHANNELS.bpfClosing, (m) => snapshot((m as BpfMessage).bpf));
  process.on("exit", () => {
    for (const bpf of [...open.keys()]) snapshot(bpf);
  });
}

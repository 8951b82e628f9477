// Tells a supervising process (the lesson runner) when the program's probes
// are attached, so it can start the workload without guessing with sleeps.
// Enabled by BCC_TUTOR_READY_FD: one JSON line per change is written to that
// fd, after the synchronous attach calls of the current tick have all run.
import fs from "node:fs";

let pending: NodeJS.Immediate | undefined;
let attached = 0;

function fd(): number | undefined {
  const v = process.env.BCC_TUTOR_READY_FD;
  if (!v || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

export function noteAttached(count = 1): void {
  attached += count;
  schedule();
}

/** Perf buffers and trace readers count too: events before they open would be lost. */
export function noteListening(): void {
  schedule();
}

function schedule(): void {
  const out = fd();
  if (out === undefined) return;
  if (pending) clearImmediate(pending);
  pending = setImmediate(() => {
    pending = undefined;
    try {
      fs.writeSync(out, `${JSON.stringify({ event: "ready", probes: attached })}\n`);
    } catch {
      // The supervisor went away; nothing to tell.
    }
  });
  pending.unref();
}

/** Reports a fatal error in a form the runner can map to the learner's file. */
export function reportError(error: unknown): void {
  const out = fd();
  if (out === undefined) return;
  const e = error as { name?: string; message?: string; diagnostics?: unknown; log?: string; source?: string };
  try {
    fs.writeSync(out, `${JSON.stringify({ event: "error", name: e?.name, message: e?.message, diagnostics: e?.diagnostics, source: e?.source })}\n`);
  } catch {
    // as above
  }
}

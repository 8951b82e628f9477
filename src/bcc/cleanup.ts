// Closes every open BPF object when the process ends: normal exit, an
// uncaught exception (Node emits 'exit' then), and SIGINT/SIGTERM/SIGHUP
// when the program installed no handler of its own. With a handler of its
// own (e.g. print a histogram on Ctrl-C) the program decides, and 'exit'
// still closes. After SIGKILL the kernel frees the fds, and with them the
// perf-event based probes libbcc creates.
import { reportError } from "./readiness.ts";

interface Closable { close(): void }

const open = new Set<Closable>();
let installed = false;

export function track(obj: Closable): void {
  open.add(obj);
  installProcessHooks();
}

export function untrack(obj: Closable): void {
  open.delete(obj);
}

export function closeAll(): void {
  for (const o of [...open]) {
    try {
      o.close();
    } catch {
      // keep closing the others
    }
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function installProcessHooks(): void {
  if (installed) return;
  installed = true;
  process.on("exit", closeAll);
  // Under the lesson runner, a fatal error is also reported in structured
  // form, so a compile error can be shown at the learner's line.
  process.on("uncaughtExceptionMonitor", (err) => reportError(err));
  for (const sig of SIGNALS) {
    const onSignal = () => {
      if (process.listenerCount(sig) > 1) return; // the program handles it
      closeAll();
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig); // die of the signal, as without us
    };
    process.on(sig, onSignal);
  }
}

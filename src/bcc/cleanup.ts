// Closes every open BPF object when the process ends: normal exit, an
// uncaught exception (Node emits 'exit' then), and SIGINT/SIGTERM/SIGHUP
// when the program installed no handler of its own. With a handler of its
// own (e.g. print a histogram on Ctrl-C) the program decides, and 'exit'
// still closes. After SIGKILL the kernel frees the fds, and with them the
// perf-event based probes libbcc creates.
import { publish } from "./observe.ts";

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
  // A fatal error goes to observers whole (a supervisor can show a compile
  // error at its line); the monitor leaves Node's own handling as it is.
  process.on("uncaughtExceptionMonitor", (error) => publish("error", { error }));
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

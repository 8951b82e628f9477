// Compiling C to a bcc module. Compiles run off the main thread (koffi
// .async) so the event loop stays live, and strictly one at a time: two
// concurrent libbcc compiles crash the process.
import { lib, libcFns } from "./clib.ts";
import { captureStderr } from "./stderr-capture.ts";
import { parseDiagnostics } from "./diagnostics.ts";
import { BpfCompileError, type Diagnostic } from "./errors.ts";
import { publish } from "./observe.ts";

export interface CompileRequest {
  text: string;
  flags: number;
  cflags: string[];
  /** Lines prepended by the binding, so diagnostics point at the caller's text. */
  lineOffset: number;
  fileName?: string;
}
export interface CompileResult {
  module: unknown; // opaque libbcc module pointer
  warnings: Diagnostic[];
  log: string;
}

let queue: Promise<unknown> = Promise.resolve();

export function compile(req: CompileRequest): Promise<CompileResult> {
  const run = queue.then(() => compileNow(req));
  queue = run.catch(() => undefined);
  return run;
}

function compileNow(req: CompileRequest): Promise<CompileResult> {
  return new Promise((resolve, reject) => {
    const cap = captureStderr();
    publish("compile", { phase: "start" });
    lib.bpf_module_create_c_from_string.async(
      req.text, req.flags, req.cflags, req.cflags.length, true, null,
      (err: unknown, module: unknown) => {
        const log = cap.stop();
        publish("compile", { phase: "end" });
        // clang frees most of what a compile used, but glibc keeps the freed
        // pages: without this, 30 create/close cycles grew the process from
        // 187 to 390 MiB; with it, 151 to 156 MiB (bench/README.md, footprint).
        libcFns.malloc_trim(0);
        const diagnostics = parseDiagnostics(log, req.lineOffset, req.fileName);
        if (err) return reject(err);
        if (!module) {
          const e = new BpfCompileError(diagnostics, log);
          e.source = req.text.split("\n").slice(req.lineOffset).join("\n");
          return reject(e);
        }
        resolve({ module, warnings: diagnostics, log });
      },
    );
  });
}

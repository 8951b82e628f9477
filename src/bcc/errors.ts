// Typed errors of the binding: each says what was tried, why it failed and,
// where there is something to do, what to do.

export class BccError extends Error {
  override name = "BccError";
}

export class LibbccMissingError extends BccError {
  override name = "LibbccMissingError";
  constructor(library: string, hint: string, cause: unknown) {
    super(`cannot load ${library}: ${hint}`, { cause });
  }
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning" | "note" | "fatal error";
  message: string;
  /** The source line clang quoted under the message (bcc rewrites some macros, so line numbers can drift; the text does not). */
  snippet?: string;
}

export class BpfCompileError extends BccError {
  override name = "BpfCompileError";
  /** The C text the caller passed, for mapping lines back (set by compile). */
  source?: string;

  constructor(
    readonly diagnostics: Diagnostic[],
    readonly log: string,
  ) {
    const first = diagnostics.find((d) => d.severity === "error" || d.severity === "fatal error");
    super(
      first
        ? `BPF program failed to compile: ${first.file}:${first.line}:${first.column}: ${first.message}`
        : `BPF program failed to compile${log.trim() ? `:\n${log.trim()}` : ""}`,
    );
  }
  get file(): string | undefined { return this.firstError?.file; }
  get line(): number | undefined { return this.firstError?.line; }
  get column(): number | undefined { return this.firstError?.column; }
  get firstError(): Diagnostic | undefined {
    return this.diagnostics.find((d) => d.severity === "error" || d.severity === "fatal error");
  }
}

export class BpfVerifierError extends BccError {
  override name = "BpfVerifierError";
  constructor(
    readonly func: string,
    readonly errno: number,
    readonly log: string,
  ) {
    const tail = lastLines(log, 4);
    super(`the kernel verifier rejected ${func}() (errno ${errno})${tail ? `:\n${tail}` : ""}`);
  }
  /** The verifier's last lines: usually the reason. */
  get reason(): string {
    return lastLines(this.log, 4);
  }
}

export class BpfLoadError extends BccError {
  override name = "BpfLoadError";
}

export class BpfAttachError extends BccError {
  override name = "BpfAttachError";
  constructor(
    readonly kind: "kprobe" | "kretprobe" | "uprobe" | "uretprobe" | "tracepoint" | "raw_tracepoint" | "socket" | "usdt",
    readonly target: string,
    reason: string,
  ) {
    super(`cannot attach ${kind} ${target}: ${reason}`);
  }
}

export class KprobesUnavailableError extends BpfAttachError {
  override name = "KprobesUnavailableError";
  constructor(kind: "kprobe" | "kretprobe", target: string) {
    super(kind, target, "kprobes are not available on this kernel (built without CONFIG_KPROBES); use a tracepoint instead (see `bcc-tutor doctor`)");
  }
}

export class BpfNotReadyError extends BccError {
  override name = "BpfNotReadyError";
  constructor(method: string) {
    super(`BPF.${method}() called before the program finished compiling: await b.ready first`);
  }
}

export class BpfClosedError extends BccError {
  override name = "BpfClosedError";
  constructor(method: string) {
    super(`BPF.${method}() called after close()`);
  }
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").filter((l) => l.trim() !== "").slice(-n).join("\n");
}

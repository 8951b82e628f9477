// The BPF object: compile a C program, load its functions, attach them to
// probes, read trace_pipe, and clean everything up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import koffi from "koffi";
import { lib } from "./clib.ts";
import { compile } from "./compile.ts";
import { ProgType, Debug } from "./consts.ts";
import { closeQuietly } from "./fd.ts";
import { withStderrCaptured } from "./stderr-capture.ts";
import { BpfClosedError, BpfLoadError, BpfNotReadyError, BpfVerifierError, BpfCompileError, BccError } from "./errors.ts";
import { installProcessHooks, track, untrack } from "./cleanup.ts";
import { TracePipe, parseTraceLine, type TraceRecord } from "./trace-pipe.ts";
import { traceClockNow } from "./trace-clock.ts";
import { escapeTerminal } from "./escape.ts";
import { headersStatus } from "./kernel-headers.ts";
import { observed, progTypeName, publish } from "./observe.ts";
import { moduleTables } from "./module-tables.ts";
import { fixSyscallFnname, getSyscallFnname } from "./syscall.ts";
import { ksym, ksymname, sym } from "./symbols.ts";
import { Probes, type ObservedAs, type UprobeSpec } from "./probes.ts";
import { createTable } from "./table-kinds.ts";
import type { TableBase } from "./table.ts";
import { PerfEventArray } from "./perf-buffer.ts";
import { RingBuf } from "./ring-buffer.ts";
import { closeRawSocketOf, openRawSocket } from "./raw-socket.ts";

/** The program, and optionally the options too (python style: BPF(text=..., usdt_contexts=[u])). */
export type BpfSource = ({ text: string; srcFile?: undefined } | { srcFile: string; text?: undefined }) & BpfOptions;

/** A USDT context as new BPF needs it (see usdt.ts). */
export interface UsdtContextLike {
  readonly handle: unknown;
  attachUprobes(b: BPF): void;
}

export interface BpfOptions {
  cflags?: string[];
  /** bcc debug flags (Debug.*): print IR, BPF asm, verifier state. */
  debug?: number;
  usdtContexts?: UsdtContextLike[];
}

export interface BpfFunction {
  readonly name: string;
  readonly fd: number;
  readonly type: number;
  /** Set by attachRawSocket: the raw socket's fd. */
  sock?: number;
}

const LOG_BUF_SIZE = 4 * 1024 * 1024;
let logBufCache: Buffer | undefined;
/** One verifier log buffer for the process: 4 MiB zero-filled per load cost more than the load. */
const verifierLogBuffer = (): Buffer => (logBufCache ??= Buffer.alloc(LOG_BUF_SIZE));

export class BPF {
  static readonly SOCKET_FILTER = ProgType.SOCKET_FILTER;
  static readonly KPROBE = ProgType.KPROBE;
  static readonly SCHED_CLS = ProgType.SCHED_CLS;
  static readonly SCHED_ACT = ProgType.SCHED_ACT;
  static readonly TRACEPOINT = ProgType.TRACEPOINT;
  static readonly XDP = ProgType.XDP;
  static readonly PERF_EVENT = ProgType.PERF_EVENT;
  static readonly RAW_TRACEPOINT = ProgType.RAW_TRACEPOINT;

  static readonly getSyscallFnname = getSyscallFnname;
  static readonly fixSyscallFnname = fixSyscallFnname;
  static readonly ksym = ksym;
  static readonly ksymname = ksymname;
  static readonly sym = sym;

  /** Resolves once the program is compiled and its prefixed functions are attached. */
  readonly ready: Promise<this>;
  /** The C text as compiled (after USDT helpers were prepended). */
  readonly text: string;
  /** Compiler warnings, if any. */
  warnings: BpfCompileError["diagnostics"] = [];

  private module: unknown;
  private failure: unknown;
  private closed = false;
  private funcs = new Map<string, BpfFunction>();
  private probes = new Probes(this);
  private tracePipe: TracePipe | undefined;
  private closeHooks: Array<() => void> = [];
  private tables = new Map<string, TableBase>();
  private readonly debug: number;
  /** When this object was created, on the trace clock: older trace_pipe lines are not its own. */
  private readonly createdOnTraceClock = traceClockNow();

  constructor(source: BpfSource, options: BpfOptions = {}) {
    installProcessHooks();
    const opts: BpfOptions = { cflags: source.cflags, debug: source.debug, usdtContexts: source.usdtContexts, ...stripUndefined(options) };
    this.debug = opts.debug ?? 0;
    const fileName = source.srcFile !== undefined ? resolveSrcFile(source.srcFile) : undefined;
    let text = fileName !== undefined ? fs.readFileSync(fileName, "utf8") : source.text ?? "";
    let lineOffset = 0;
    const usdt = opts.usdtContexts ?? [];
    if (usdt.length > 0) {
      const args = lib.bcc_usdt_genargs(usdt.map((u) => u.handle), usdt.length) as string | null;
      if (args === null) throw new BccError("could not generate USDT argument helpers (bcc_usdt_genargs failed)");
      lineOffset = args.split("\n").length - 1;
      text = args + text;
    }
    this.text = text;
    publish("bpfCreated", { bpf: this });
    this.ready = compile({ text, flags: this.debug, cflags: opts.cflags ?? [], lineOffset, fileName })
      .then((res) => {
        this.module = res.module;
        this.warnings = res.warnings;
        track(this);
        if (this.closed) this.close();
        else {
          if (observed("bpfLoaded")) publish("bpfLoaded", { bpf: this, tables: moduleTables(res.module) });
          for (const u of usdt) u.attachUprobes(this);
          this.autoAttach();
          for (const l of BPF.readyListeners.splice(0)) l(this);
        }
        return this;
      })
      .catch((err: unknown) => {
        if (err instanceof BpfCompileError && headersStatus().kind === "missing") {
          err.message += `\n(no kernel headers were found: install the running kernel's headers (Debian and Ubuntu: linux-headers-${os.release()}), or set BCC_KERNEL_SOURCE to a kernel headers tree)`;
        }
        this.failure = err;
        if (this.module) this.close();
        throw err;
      });
    // A failure surfaces where the program awaits ready or calls a method;
    // do not also crash the process as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  private static readyListeners: Array<(b: BPF) => void> = [];

  /** The next BPF object of this process to become ready (bcc-tutor repl uses it). */
  static nextReady(timeoutMs: number): Promise<BPF> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new BccError(`no BPF program became ready within ${timeoutMs / 1000} s`)), timeoutMs);
      BPF.readyListeners.push((b) => {
        clearTimeout(timer);
        resolve(b);
      });
    });
  }

  /** Compiles and auto-attaches: `const b = await BPF.create({ text })`. */
  static create(source: BpfSource, opts?: BpfOptions): Promise<BPF> {
    return new BPF(source, opts).ready;
  }

  /** The libbcc module pointer, for the binding's own classes. */
  get mod(): unknown {
    if (this.closed) throw new BpfClosedError("mod");
    if (this.failure) throw this.failure;
    if (!this.module) throw new BpfNotReadyError("mod");
    return this.module;
  }

  /** Loads a function of the program into the kernel (cached), running the verifier. */
  loadFunc(name: string, progType: number, attachType = -1): BpfFunction {
    const cached = this.funcs.get(name);
    if (cached) return cached;
    const mod = this.mod;
    const start = lib.bpf_function_start(mod, name);
    if (!start) throw new BpfLoadError(`no function ${name}() in the BPF program`);
    const size = lib.bpf_function_size(mod, name) as number;
    const logLevel = this.debug & Debug.BPF_REGISTER_STATE ? 2 : this.debug & Debug.BPF ? 1 : 0;
    const logBuf = verifierLogBuffer();
    logBuf[0] = 0;
    const { result: fd, log } = withStderrCaptured(() =>
      lib.bcc_func_load(mod, progType, name, start, size, lib.bpf_module_license(mod), lib.bpf_module_kern_version(mod),
        logLevel, logBuf, LOG_BUF_SIZE, null, attachType) as number,
    );
    const verifierLog = cString(logBuf) || log;
    if (logLevel > 0 && verifierLog) process.stderr.write(verifierLog);
    if (fd < 0) {
      const errno = -fd;
      if (errno === 1 && !verifierLog.trim()) {
        throw new BpfLoadError(`loading ${name}() was refused (EPERM): run as root, or grant CAP_BPF and CAP_PERFMON`);
      }
      throw new BpfVerifierError(name, errno, verifierLog);
    }
    const fn: BpfFunction = { name, fd, type: progType };
    this.funcs.set(name, fn);
    if (observed("programLoaded")) {
      // A copy: the module's own bytes go when it is destroyed.
      const insns = new Uint8Array(koffi.view(start, size) as ArrayBuffer).slice();
      publish("programLoaded", { bpf: this, name, progType: progTypeName(progType), fd, insns });
    }
    return fn;
  }

  attachKprobe(opts: { event?: string; eventRe?: RegExp; fnName: string; eventOff?: number }): void {
    const fn = this.loadFunc(opts.fnName, ProgType.KPROBE);
    this.probes.attachKprobe(fn, opts, false);
  }
  attachKretprobe(opts: { event?: string; eventRe?: RegExp; fnName: string; maxActive?: number }): void {
    const fn = this.loadFunc(opts.fnName, ProgType.KPROBE);
    this.probes.attachKprobe(fn, opts, true);
  }
  detachKprobe(event: string): void {
    this.probes.detachKprobe(event, false);
  }
  detachKretprobe(event: string): void {
    this.probes.detachKprobe(event, true);
  }

  /** tp is "category:event", e.g. "syscalls:sys_enter_sync". */
  attachTracepoint(opts: { tp: string; fnName: string }): void {
    const fn = this.loadFunc(opts.fnName, ProgType.TRACEPOINT);
    this.probes.attachTracepoint(fn, opts.tp);
  }
  detachTracepoint(tp: string): void {
    this.probes.detachTracepoint(tp);
  }

  attachRawTracepoint(opts: { tp: string; fnName: string }): void {
    const fn = this.loadFunc(opts.fnName, ProgType.RAW_TRACEPOINT);
    this.probes.attachRawTracepoint(fn, opts.tp);
  }
  detachRawTracepoint(tp: string): void {
    this.probes.detachRawTracepoint(tp);
  }

  /** name: a library name ("c") or a path; sym or addr: where. pid -1: every process. `as`: how observers are told (USDT sites). */
  attachUprobe(opts: UprobeSpec & { fnName: string }, as?: ObservedAs): void {
    const fn = this.loadFunc(opts.fnName, ProgType.KPROBE);
    this.probes.attachUprobe(fn, opts, false, as);
  }
  attachUretprobe(opts: UprobeSpec & { fnName: string }): void {
    const fn = this.loadFunc(opts.fnName, ProgType.KPROBE);
    this.probes.attachUprobe(fn, opts, true);
  }
  detachUprobe(opts: UprobeSpec): void {
    this.probes.detachUprobe(opts, false);
  }
  detachUretprobe(opts: UprobeSpec): void {
    this.probes.detachUprobe(opts, true);
  }

  /** Number of probes attached. */
  get numOpenProbes(): number { return this.probes.count; }

  // --- maps and event buffers -------------------------------------------------

  /**
   * The map called name, as the class for its type (HashTable, ArrayTable,
   * PerfEventArray, RingBuf, ...). Cast to the key and value types you expect:
   * `b.table<number, bigint>("counts")`.
   */
  table<T extends TableBase = TableBase>(name: string): T {
    let t = this.tables.get(name);
    if (!t) {
      t = createTable(this, name);
      this.tables.set(name, t);
    }
    return t as T;
  }

  /** Alias of table(), as python's b.get_table / b["name"]. */
  get<T extends TableBase = TableBase>(name: string): T {
    return this.table<T>(name);
  }

  private openEventTables<T>(kind: new (...a: never[]) => T): T[] {
    return [...this.tables.values()].filter((t): t is TableBase & T => t instanceof kind);
  }

  /**
   * Delivers what the open perf buffers hold, or waits (without blocking the
   * event loop) for the next events or timeoutMs (-1: no limit). Resolves
   * with the number delivered. Events also arrive without calling this.
   */
  async perfBufferPoll(timeoutMs = -1): Promise<number> {
    const open = this.openEventTables(PerfEventArray).filter((t) => t.isOpen);
    if (open.length === 0) throw new BccError("perfBufferPoll: no perf buffer is open (call table.openPerfBuffer first)");
    return Promise.race(open.map((t) => t.poll(timeoutMs)));
  }

  /** Delivers what the open perf buffers hold now, without waiting. */
  perfBufferConsume(): number {
    return this.openEventTables(PerfEventArray).reduce((n, t) => n + t.consume(), 0);
  }

  async ringBufferPoll(timeoutMs = -1): Promise<number> {
    const open = this.openEventTables(RingBuf).filter((t) => t.isOpen);
    if (open.length === 0) throw new BccError("ringBufferPoll: no ring buffer is open (call table.openRingBuffer first)");
    return Promise.race(open.map((t) => t.poll(timeoutMs)));
  }

  ringBufferConsume(): number {
    return this.openEventTables(RingBuf).reduce((n, t) => n + t.consume(), 0);
  }

  /**
   * Attaches a SOCKET_FILTER function to a raw socket on ifname. Returns a
   * readable stream of the packets the filter kept; fn.sock is its fd.
   */
  static attachRawSocket(fn: BpfFunction, ifname: string) {
    return openRawSocket(fn, ifname);
  }

  // --- trace_pipe -------------------------------------------------------------

  private pipe(): TracePipe {
    if (this.closed) throw new BpfClosedError("trace");
    if (!this.tracePipe) {
      this.tracePipe = new TracePipe(this.createdOnTraceClock);
      publish("listen", { bpf: this, kind: "trace_pipe" });
    }
    return this.tracePipe;
  }

  /** The next raw trace_pipe line printed since this object was created, or null when closed. */
  traceReadline(): Promise<string | null> { return this.pipe().readLine(); }

  /** A raw trace_pipe line (printed since this object was created) if one is ready now, else null. */
  traceReadlineNow(): string | null { return this.pipe().readLineNow(); }

  /** Records from trace_pipe, one per bpf_trace_printk() call, until close(). */
  async *traceFields(): AsyncGenerator<TraceRecord> {
    for (;;) {
      const line = await this.traceReadline();
      if (line === null) return;
      const rec = parseTraceLine(line);
      if (rec) yield rec;
    }
  }

  /** A record if one is ready now, else null (python's nonblocking=True). */
  traceFieldsNow(): TraceRecord | null {
    for (;;) {
      const line = this.traceReadlineNow();
      if (line === null) return null;
      const rec = parseTraceLine(line);
      if (rec) return rec;
    }
  }

  /**
   * Prints trace_pipe lines until close(), each through fmt when given.
   * Control characters are escaped: the text comes from the kernel.
   */
  async tracePrint(fmt?: (r: TraceRecord) => string): Promise<void> {
    for (;;) {
      const line = await this.traceReadline();
      if (line === null) return;
      if (line.trim() === "") continue; // the kernel ends a message's own "\n" with another
      const rec = fmt ? parseTraceLine(line) : undefined;
      if (fmt && !rec) continue;
      process.stdout.write(`${escapeTerminal(rec && fmt ? fmt(rec) : line)}\n`);
    }
  }

  // --- life cycle -------------------------------------------------------------

  /** Runs fn when this object closes (tables use it for perf readers). */
  onClose(fn: () => void): void {
    this.closeHooks.push(fn);
  }

  /** Detaches every probe, closes every fd, frees the module. Idempotent. */
  close(): void {
    if (this.closed && !this.module) return;
    // Observers may still read the maps (a snapshot at the end of a run).
    if (this.module) publish("bpfClosing", { bpf: this });
    this.closed = true;
    untrack(this);
    this.probes.detachAll();
    for (const h of this.closeHooks.splice(0).reverse()) {
      try { h(); } catch { /* keep cleaning */ }
    }
    this.tracePipe?.close();
    this.tracePipe = undefined;
    this.tables.clear();
    for (const fn of this.funcs.values()) {
      closeRawSocketOf(fn);
      closeQuietly(fn.fd);
    }
    this.funcs.clear();
    if (this.module) {
      lib.bpf_module_destroy(this.module);
      this.module = undefined;
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }

  // bcc's naming convention: kprobe__<fn>, kretprobe__<fn>,
  // tracepoint__<category>__<event>, raw_tracepoint__<tp> attach by themselves.
  private autoAttach(): void {
    const mod = this.mod;
    const n = lib.bpf_num_functions(mod) as number;
    for (let i = 0; i < n; i++) {
      const name = lib.bpf_function_name(mod, i) as string;
      if (name.startsWith("kprobe__")) {
        this.attachKprobe({ event: fixSyscallFnname(name.slice(8)), fnName: name });
      } else if (name.startsWith("kretprobe__")) {
        this.attachKretprobe({ event: fixSyscallFnname(name.slice(11)), fnName: name });
      } else if (name.startsWith("tracepoint__")) {
        this.attachTracepoint({ tp: name.slice(12).replaceAll("__", ":"), fnName: name });
      } else if (name.startsWith("raw_tracepoint__")) {
        this.attachRawTracepoint({ tp: name.slice(16), fnName: name });
      }
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function resolveSrcFile(file: string): string {
  if (path.isAbsolute(file) || fs.existsSync(file)) return path.resolve(file);
  // As python bcc: a relative path missing here is looked up beside the script.
  const script = process.argv[1];
  if (script) {
    const beside = path.join(path.dirname(script), file);
    if (fs.existsSync(beside)) return beside;
  }
  throw new BccError(`cannot read the BPF source file ${file}: no such file (looked in ${process.cwd()}${script ? ` and ${path.dirname(script)}` : ""})`);
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.toString("utf8", 0, end < 0 ? buf.length : end);
}

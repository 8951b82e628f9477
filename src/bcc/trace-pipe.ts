// Reading bpf_trace_printk output from tracefs's trace_pipe without
// blocking the event loop: the pipe is opened non-blocking and read when
// koffi's libuv watcher says it is readable.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import koffi from "koffi";
import { tracefsPath } from "./tracefs.ts";
import { BccError } from "./errors.ts";

export interface TraceRecord {
  /** The task's comm (may be "<...>" when the kernel did not record it). */
  task: string;
  pid: number;
  cpu: number;
  flags: string;
  /** Seconds since boot. */
  ts: number;
  msg: string;
}

/**
 * Splits one trace_pipe line, as python bcc does: comm in the first 16
 * columns, then "pid [cpu] flags ts:", then "symbol: message".
 * Returns undefined for lines that are not events (e.g. "CPU:N [LOST ...]").
 */
export function parseTraceLine(line: string): TraceRecord | undefined {
  if (line.startsWith("CPU:")) return undefined;
  const task = line.slice(0, 16).trimStart();
  let rest = line.slice(17);
  const tsEnd = rest.indexOf(":");
  if (tsEnd < 0) return undefined;
  const head = rest.slice(0, tsEnd).trim().split(/\s+/);
  if (head.length !== 4) return undefined;
  const [pid, cpu, flags, ts] = head as [string, string, string, string];
  rest = rest.slice(tsEnd + 1);
  const symEnd = rest.indexOf(":");
  const msg = symEnd < 0 ? rest.trim() : rest.slice(symEnd + 2);
  const rec = { task, pid: Number(pid), cpu: Number(cpu.slice(1, -1)), flags, ts: Number(ts), msg };
  return Number.isFinite(rec.pid) && Number.isFinite(rec.ts) ? rec : undefined;
}

const O_NONBLOCK = fs.constants.O_NONBLOCK;

export class TracePipe {
  private fd: number;
  /** Whether the last line with a timestamp was kept: lines without one (a message's own newline) follow it. */
  private keeping = true;
  private partial = "";
  private decoder = new StringDecoder("utf8");
  private lines: string[] = [];
  private watcher: ReturnType<typeof koffi.node.poll> | undefined;
  private waiters: Array<() => void> = [];
  private closed = false;

  /**
   * since: the owner's creation on the trace clock (trace-clock.ts). Lines
   * stamped earlier were waiting in trace_pipe for any reader (printed by an
   * earlier program, never read) and are skipped. A timestamp, rather than
   * draining what is there at open: lines the owner's own probes printed
   * between attaching and the first read are kept, and no reader races
   * the drain.
   */
  constructor(private readonly since?: number) {
    const t = tracefsPath();
    if (!t) throw new BccError("tracefs is not mounted: mount it with: mount -t tracefs tracefs /sys/kernel/tracing");
    try {
      this.fd = fs.openSync(`${t}/trace_pipe`, fs.constants.O_RDONLY | O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EBUSY") {
        throw new BccError(`${t}/trace_pipe is being read by another program (the kernel allows one reader at a time): stop the other tracer, or use a perf buffer`);
      }
      throw err;
    }
  }

  /** One line if one is ready now, else null. Never blocks. */
  readLineNow(): string | null {
    if (this.lines.length === 0) this.fill();
    return this.lines.shift() ?? null;
  }

  /** The next line, waiting for it without blocking the event loop. Null once closed. */
  async readLine(): Promise<string | null> {
    for (;;) {
      const l = this.readLineNow();
      if (l !== null || this.closed) return l;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.watch();
      });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
    fs.closeSync(this.fd);
    for (const w of this.waiters.splice(0)) w();
  }

  private watch(): void {
    if (this.watcher) return;
    this.watcher = koffi.node.poll(this.fd, { readable: true }, () => {
      const ws = this.waiters.splice(0);
      if (ws.length === 0) {
        this.watcher?.close();
        this.watcher = undefined;
      }
      for (const w of ws) w();
    });
  }

  private fresh(line: string): boolean {
    if (this.since === undefined) return true;
    const rec = parseTraceLine(line);
    if (rec) this.keeping = rec.ts >= this.since;
    return this.keeping;
  }

  private fill(): void {
    if (this.closed) return;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(this.fd, buf, 0, buf.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") return;
        throw err;
      }
      if (n <= 0) return;
      const text = this.partial + this.decoder.write(buf.subarray(0, n));
      const parts = text.split("\n");
      this.partial = parts.pop() ?? "";
      for (const line of parts) if (this.fresh(line)) this.lines.push(line);
      if (n < buf.length) return;
    }
  }
}

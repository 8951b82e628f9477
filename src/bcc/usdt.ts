// USDT (user statically defined tracing) probes: a context over a process
// or a binary, probes enabled on it, and the uprobes bcc attaches for them.
import fs from "node:fs";
import koffi from "koffi";
import { BccUsdt, lib } from "./clib.ts";
import { BpfAttachError, BccError } from "./errors.ts";
import { track, untrack } from "./cleanup.ts";
import type { BPF } from "./bpf.ts";

export interface UsdtProbeInfo {
  provider: string;
  name: string;
  binPath: string;
  numLocations: number;
  numArguments: number;
}

export class USDT {
  /** The libbcc context (for new BPF's usdtContexts). */
  readonly handle: unknown;
  readonly pid: number | undefined;
  readonly path: string | undefined;
  private closed = false;
  /** fnName → "provider:probe", for what observers are told of each site. */
  private enabled = new Map<string, string>();

  constructor(target: { pid: number; path?: string } | { path: string; pid?: undefined }) {
    this.pid = target.pid;
    this.path = target.path;
    if (target.pid !== undefined) {
      if (!Number.isInteger(target.pid) || target.pid <= 0) throw new BpfAttachError("usdt", String(target.pid), "a PID is a positive whole number");
      if (!fs.existsSync(`/proc/${target.pid}`)) throw new BpfAttachError("usdt", `pid ${target.pid}`, "no such process (has it exited?)");
      this.handle = lib.bcc_usdt_new_frompid(target.pid, target.path ?? null);
    } else {
      if (!fs.existsSync(target.path)) throw new BpfAttachError("usdt", target.path, "no such file");
      this.handle = lib.bcc_usdt_new_frompath(target.path);
    }
    if (!this.handle) throw new BpfAttachError("usdt", this.describe(), "bcc could not read its USDT notes (is it an ELF binary, and are you root?)");
    track(this);
  }

  /** Every USDT probe the process's binaries (or the binary) declare. */
  listProbes(): UsdtProbeInfo[] {
    const out: UsdtProbeInfo[] = [];
    lib.bcc_usdt_foreach(this.handle, (ptr: unknown) => {
      const p = koffi.decode(ptr, BccUsdt) as { provider: string; name: string; bin_path: string; num_locations: number; num_arguments: number };
      out.push({ provider: p.provider, name: p.name, binPath: p.bin_path, numLocations: p.num_locations, numArguments: p.num_arguments });
    });
    return out;
  }

  /** probe: "name" or "provider:name"; fnName: the BPF function to run. */
  enableProbe(opts: { probe: string; fnName: string }): this {
    const colon = opts.probe.indexOf(":");
    const rc = colon > 0
      ? (lib.bcc_usdt_enable_fully_specified_probe(this.handle, opts.probe.slice(0, colon), opts.probe.slice(colon + 1), opts.fnName) as number)
      : (lib.bcc_usdt_enable_probe(this.handle, opts.probe, opts.fnName) as number);
    if (rc === 0) {
      this.enabled.set(opts.fnName, colon > 0 ? opts.probe : this.qualify(opts.probe));
      return this;
    }
    const probes = this.listProbes();
    const why = probes.length === 0
      ? `${this.describe()} has no USDT probes (was it built with <sys/sdt.h> probes?)`
      : `no probe ${opts.probe} in ${this.describe()}; it has: ${[...new Set(probes.map((p) => `${p.provider}:${p.name}`))].join(", ")}`;
    throw new BpfAttachError("usdt", opts.probe, why);
  }

  /** "provider:name" of a probe enabled by its name alone (the first provider declaring it). */
  private qualify(name: string): string {
    const p = this.listProbes().find((x) => x.name === name);
    return p ? `${p.provider}:${name}` : name;
  }

  /** The C helpers bcc generates to read the enabled probes' arguments. */
  getText(): string {
    const text = lib.bcc_usdt_genargs([this.handle], 1) as string | null;
    if (text === null) throw new BccError("bcc could not generate the USDT argument helpers");
    return text;
  }

  /** Attaches a uprobe at every location of every enabled probe (new BPF calls this). */
  attachUprobes(b: BPF): void {
    const sites: Array<{ binPath: string; fnName: string; addr: bigint; pid: number }> = [];
    lib.bcc_usdt_foreach_uprobe(this.handle, (binPath: string, fnName: string, addr: number | bigint, pid: number) => {
      sites.push({ binPath, fnName, addr: BigInt(addr), pid });
    });
    for (const s of sites) {
      const target = `${s.binPath}:${this.enabled.get(s.fnName) ?? s.fnName}`;
      b.attachUprobe({ name: s.binPath, addr: s.addr, fnName: s.fnName, pid: s.pid }, { kind: "usdt", target });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    untrack(this);
    lib.bcc_usdt_close(this.handle);
  }

  private describe(): string {
    return this.pid !== undefined ? `process ${this.pid}` : (this.path ?? "?");
  }
}

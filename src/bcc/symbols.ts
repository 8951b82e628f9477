// Symbol look-ups: kernel symbols through bcc's symbol cache (pid -1), user
// symbols per process, and symbol → file offset for uprobes, with glibc
// IFUNCs resolved to the implementation the process really runs.
import fs from "node:fs";
import path from "node:path";
import koffi from "koffi";
import { BccSymbol, lib, libcFns } from "./clib.ts";
import { cString } from "./c-string.ts";

const caches = new Map<number, unknown>();

function symcache(pid: number): unknown {
  let c = caches.get(pid);
  if (!c) {
    c = lib.bcc_symcache_new(pid, null);
    caches.set(pid, c);
  }
  return c;
}

interface SymbolOut { name: string | null; demangle_name: string | null; module: string | null; offset: number | bigint }

const EMPTY = { name: null, demangle_name: null, module: null, offset: 0 };
let symBuf: unknown;

/**
 * Resolves into one bcc_symbol of our own: koffi's _Out_ conversion would
 * turn demangle_name into a JS string and drop the malloc'd pointer that
 * bcc_symbol_free_demangle_name needs (freeing koffi's copy instead crashes),
 * and koffi.decode of a char array leaks a little on each call (see
 * c-string.ts), so the struct is decoded whole and the name freed from its
 * own memory.
 */
function resolveAddr(cache: unknown, addr: bigint, demangle: boolean): { rc: number; out: SymbolOut } {
  symBuf ??= koffi.alloc(BccSymbol, 1);
  // Zeroed first: a failed look-up may leave fields unset, and a stale demangle_name would be freed twice.
  koffi.encode(symBuf, BccSymbol, EMPTY);
  const rc = (demangle ? lib.bcc_symcache_resolve(cache, addr, symBuf) : lib.bcc_symcache_resolve_no_demangle(cache, addr, symBuf)) as number;
  const out = koffi.decode(symBuf, BccSymbol) as SymbolOut;
  if (demangle) lib.bcc_symbol_free_demangle_name(symBuf);
  return { rc, out };
}

/** Kernel symbol address by name, or -1 when unknown (as python's ksymname). */
export function ksymname(name: string): bigint {
  const out = [0n];
  const rc = lib.bcc_symcache_resolve_name(symcache(-1), null, name, out) as number;
  return rc < 0 ? -1n : BigInt(out[0]!);
}

export interface SymOptions { showModule?: boolean; showOffset?: boolean; demangle?: boolean }

/** Name of the symbol holding addr in process pid (-1: kernel), "[unknown]" when none. */
export function sym(addr: bigint | number, pid: number, opts: SymOptions = {}): string {
  const { rc, out } = resolveAddr(symcache(pid), BigInt(addr), opts.demangle ?? true);
  if (rc < 0) {
    return opts.showModule && out.module ? `[unknown] [${path.basename(out.module)}]` : "[unknown]";
  }
  let s = (opts.demangle ?? true) && out.demangle_name ? out.demangle_name : (out.name ?? "[unknown]");
  if (opts.showOffset) s += `+0x${BigInt(out.offset).toString(16)}`;
  if (opts.showModule && out.module) s += ` [${path.basename(out.module)}]`;
  return s;
}

export function ksym(addr: bigint | number, opts: Omit<SymOptions, "demangle"> = {}): string {
  return sym(addr, -1, { ...opts, demangle: false });
}

const STT_GNU_IFUNC = 10;
const ALL_TYPES = 0xffff;

export interface ResolvedSymbol {
  /** Path of the ELF file that holds the symbol. */
  module: string;
  /** File offset to attach a uprobe at. */
  offset: bigint;
  /** True when the symbol was an IFUNC and offset is that of its chosen implementation. */
  ifunc: boolean;
}

/**
 * Resolves `symbol` in `module` (a library name like "c", or a path) to what a
 * uprobe needs. Returns undefined when the module or symbol is not found.
 */
export function resolveSymbol(module: string, symbol: string, pid = -1, addr = 0n): ResolvedSymbol | undefined {
  const r = resolveWithTypes(module, symbol, pid, addr, ALL_TYPES);
  if (!r) return undefined;
  // Resolving with IFUNC symbols only succeeds exactly when this is an IFUNC.
  if (symbol && resolveWithTypes(module, symbol, pid, addr, 1 << STT_GNU_IFUNC)) {
    const impl = ifuncImplementationOffset(r.module, symbol);
    if (impl !== undefined) return { module: r.module, offset: impl, ifunc: true };
  }
  return { ...r, ifunc: false };
}

function resolveWithTypes(module: string, symbol: string, pid: number, addr: bigint, types: number) {
  const out = {} as { module: unknown; offset: number | bigint };
  const option = { use_debug_file: 1, check_debug_file_crc: 1, lazy_symbolize: 1, use_symbol_type: types };
  const rc = lib.bcc_resolve_symname(module, symbol || null, addr, pid <= 0 ? 0 : pid, option, out) as number;
  if (rc < 0 || !out.module) return undefined;
  const modulePath = cString(out.module);
  lib.bcc_procutils_free(out.module);
  return { module: modulePath, offset: BigInt(out.offset) };
}

const RTLD_LAZY = 1;

/**
 * The file offset of the function an IFUNC resolves to on this CPU: dlsym()
 * runs the resolver, and /proc/self/maps turns the address into a file
 * offset. A traced process on the same machine picks the same implementation.
 */
function ifuncImplementationOffset(modulePath: string, symbol: string): bigint | undefined {
  const handle = libcFns.dlopen(modulePath, RTLD_LAZY);
  if (!handle) return undefined;
  const fn = libcFns.dlsym(handle, symbol);
  if (!fn) return undefined;
  const address = BigInt(koffi.address(fn));
  return addressToFileOffset(address, modulePath);
}

function addressToFileOffset(address: bigint, modulePath: string): bigint | undefined {
  const want = safeRealpath(modulePath);
  for (const line of fs.readFileSync("/proc/self/maps", "utf8").split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 6) continue;
    const [range, , off, , , file] = parts as [string, string, string, string, string, string];
    const [lo, hi] = range.split("-").map((h) => BigInt(`0x${h}`)) as [bigint, bigint];
    if (address < lo || address >= hi) continue;
    // The implementation may live in another object (rare); then it is not ours to offset.
    if (safeRealpath(file) !== want) return undefined;
    return address - lo + BigInt(`0x${off}`);
  }
  return undefined;
}

function safeRealpath(p: string): string {
  try { return fs.realpathSync(p); } catch { return p; }
}

/** Path of a shared library by short name ("c" → /lib/x86_64-linux-gnu/libc.so.6). */
export function findLibrary(name: string, pid = 0): string | undefined {
  const p = lib.bcc_procutils_which_so(name, pid) as unknown;
  if (!p) return undefined;
  const s = cString(p);
  lib.bcc_procutils_free(p);
  return s;
}

// Memory shared with the kernel through mmap (perf rings, BPF ring buffers),
// seen from JS as one DataView. Its u64 counters are read and written in two
// halves: JS has no 64-bit atomic access to external memory.
import fs from "node:fs";
import koffi from "koffi";
import { libcFns } from "./clib.ts";
import { BccError } from "./errors.ts";

const PROT_READ = 1;
const PROT_WRITE = 2;
const MAP_SHARED = 1;
const MAP_FAILED = 0xffffffffffffffffn;

const AT_PAGESZ = 6n;

/** The page size from the kernel's auxiliary vector: known at import without opening libc. */
function pageSize(): number {
  try {
    const auxv = fs.readFileSync("/proc/self/auxv");
    for (let off = 0; off + 16 <= auxv.length; off += 16) {
      if (auxv.readBigUInt64LE(off) === AT_PAGESZ) return Number(auxv.readBigUInt64LE(off + 8));
    }
  } catch {
    // fall through
  }
  return libcFns.getpagesize() as number;
}

export const PAGE_SIZE = pageSize();

export class Mapped {
  readonly view: DataView;
  readonly bytes: Uint8Array;
  private unmapped = false;

  private constructor(private readonly base: unknown, readonly length: number, ab = koffi.view(base, length)) {
    this.view = new DataView(ab);
    this.bytes = new Uint8Array(ab);
  }

  /** Maps `length` bytes of fd at `offset`; `what` names it in the error. */
  static map(fd: number, length: number, offset: number, writable: boolean, what: string): Mapped {
    const base = libcFns.mmap(null, length, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, offset);
    if (!base || koffi.address(base) === MAP_FAILED) {
      throw new BccError(`could not map ${what} (errno ${koffi.errno()}: out of locked memory? try a smaller buffer)`);
    }
    return new Mapped(base, length);
  }

  /** Ordinary memory laid out like a mapping (warming the readers up before the kernel's rings fill). */
  static fake(length: number): Mapped {
    return new Mapped(null, length, new ArrayBuffer(length));
  }

  /** A u64 the kernel may be writing: read as two halves until the high one holds still. */
  u64(at: number): number {
    for (;;) {
      const hi = this.view.getUint32(at + 4, true);
      const lo = this.view.getUint32(at, true);
      if (this.view.getUint32(at + 4, true) === hi) return hi * 2 ** 32 + lo;
    }
  }

  /**
   * Low half first: a kernel reading between the two stores (once per 4 GiB
   * of data) sees at worst less free space, never more.
   */
  setU64(at: number, value: number): void {
    this.view.setUint32(at, value % 2 ** 32, true);
    this.view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
  }

  unmap(): void {
    if (this.unmapped || this.base === null) return;
    this.unmapped = true;
    libcFns.munmap(this.base, this.length);
  }
}

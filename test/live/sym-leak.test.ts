// sym() frees the demangled name libbcc allocates for each C++ symbol it
// resolves: resolving one mangled symbol many times leaves malloc's in-use
// bytes (glibc mallinfo2) flat.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import koffi from "koffi";
import { describe, expect, it } from "vitest";
import { sym } from "../../src/index.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const MallInfo2 = koffi.struct("mallinfo2_t", {
  arena: "size_t", ordblks: "size_t", smblks: "size_t", hblks: "size_t", hblkhd: "size_t",
  usmblks: "size_t", fsmblks: "size_t", uordblks: "size_t", fordblks: "size_t", keepcost: "size_t",
});
const mallinfo2 = koffi.load("libc.so.6").func("mallinfo2_t mallinfo2(void)");
/** Bytes malloc has handed out and not had back (all arenas). */
const inUse = (): number => Number((mallinfo2() as { uordblks: number | bigint }).uordblks);

const CALLS = 100_000;

// Failed before the fix (+2.9 MB per 100k calls): the name was never freed. Freeing
// koffi's _Out_ copy of it crashes, and koffi.decode(ptr, "char", -1) of the raw
// pointer grows ~18 bytes a call on its own (+1.8 MB): both would fail here.
describe("sym() and demangled names", () => {
  it(`resolves a C++ symbol ${CALLS} times without growing malloc's heap`, async () => {
    const bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-cpp-")), "cpp-symbols");
    execFileSync("g++", ["-O0", "-g0", "-o", bin, path.join(projectRoot, "test", "fixtures", "cpp-symbols.cc")]);
    const child = spawn(bin, [], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      const addr = BigInt(await new Promise<string>((resolve) => child.stdout!.once("data", (d) => resolve(String(d).trim()))));
      expect(sym(addr, child.pid!)).toBe("demo::work(int)");
      for (let i = 0; i < 1000; i++) sym(addr, child.pid!); // caches and koffi's own buffers settle
      const before = inUse();
      for (let i = 0; i < CALLS; i++) sym(addr, child.pid!);
      const grown = inUse() - before;
      // Leaking "demo::work(int)" (16 bytes, 32 with malloc's header) a call would be ~3 MB.
      expect(grown, `malloc in-use bytes grew by ${grown}`).toBeLessThan(CALLS * 4);
      expect(sym(addr, child.pid!, { demangle: false })).toBe("_ZN4demo4workEi");
    } finally {
      child.stdin!.end("x\n");
    }
  }, 60_000);
});

// cString reads a C string behind a raw pointer without growing malloc's
// heap: koffi.decode(ptr, "char", -1), which it replaces, grew it by ~18
// bytes a call (1.8 MB per 100k, measured).
import koffi from "koffi";
import { describe, expect, it } from "vitest";
import { cString } from "../../src/bcc/c-string.ts";

const libc = koffi.load("libc.so.6");
const strdup = libc.func("void *strdup(const char *s)");
const free = libc.func("void free(void *p)");
const MallInfo2 = koffi.struct("c_string_mallinfo2", {
  arena: "size_t", ordblks: "size_t", smblks: "size_t", hblks: "size_t", hblkhd: "size_t",
  usmblks: "size_t", fsmblks: "size_t", uordblks: "size_t", fordblks: "size_t", keepcost: "size_t",
});
const mallinfo2 = libc.func("mallinfo2", MallInfo2, []);
const inUse = (): number => Number((mallinfo2() as { uordblks: number | bigint }).uordblks);

const CALLS = 100_000;

describe("cString", () => {
  it(`reads a C string ${CALLS} times without growing malloc's heap`, () => {
    const p = strdup("/lib/x86_64-linux-gnu/libc.so.6");
    try {
      expect(cString(p)).toBe("/lib/x86_64-linux-gnu/libc.so.6");
      for (let i = 0; i < 1000; i++) cString(p);
      const before = inUse();
      for (let i = 0; i < CALLS; i++) cString(p);
      const grown = inUse() - before;
      expect(grown, `malloc in-use bytes grew by ${grown}`).toBeLessThan(CALLS * 4);
    } finally {
      free(p);
    }
  });
});

import { describe, expect, it } from "vitest";
import { compileEventCodec } from "../../src/bcc/event-fields.ts";

// Byte literals marked "gcc" come from a throwaway C program (gcc 12, x86-64)
// that memset the struct to 0, filled it and dumped its bytes.
const hex = (s: string): DataView => new DataView(Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16)).buffer);
const bytes = (v: DataView): string => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)].map((b) => b.toString(16).padStart(2, "0")).join(" ");

describe("compileEventCodec", () => {
  it("the verified field list: pid#u32, ts#u64, comm#char[16] (gcc)", () => {
    const c = compileEventCodec(["pid#u32", "ts#u64", "comm#char[16]"]);
    // struct { u32 pid; u64 ts; char comm[16]; } = { 4242, 123456789012345, "bash" }
    const gcc = hex("92 10 00 00 00 00 00 00 79 df 0d 86 48 70 00 00 62 61 73 68 00 00 00 00 00 00 00 00 00 00 00 00");
    expect([c.size, c.align]).toEqual([32, 8]);
    expect(c.decode(gcc)).toEqual({ pid: 4242, ts: 123456789012345n, comm: "bash" });
    expect(c.describe).toBe("struct event { u32 pid; u64 ts; char comm[16]; }");
    const out = new DataView(new Uint8Array(32).fill(0xff).buffer);
    c.encode({ pid: 4242, ts: 123456789012345n, comm: "bash" }, out);
    expect(bytes(out)).toBe(bytes(gcc));
  });

  it("decodes at an offset of a larger view (one buffer, many events)", () => {
    const c = compileEventCodec(["pid#u32", "ts#u64", "comm#char[16]"]);
    const v = new DataView(new ArrayBuffer(64 + 32));
    c.encode({ pid: 7, ts: 1n, comm: "x" }, v, 64);
    expect(c.decode(v, 64)).toEqual({ pid: 7, ts: 1n, comm: "x" });
  });

  it("natural alignment and tail padding (gcc)", () => {
    const c = compileEventCodec(["a#u8", "b#u64", "c#u16"]);
    const gcc = hex("01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00");
    expect([c.size, c.decode(gcc)]).toEqual([24, { a: 1, b: 2n, c: 3 }]);
  });

  it("typedefs, pointers, bool, unsigned char arrays and __int128 (gcc)", () => {
    // struct { int pid; unsigned int uid; _Bool ok; char *p; unsigned char raw[3]; short s; __int128 big; long sz; }
    const c = compileEventCodec(["pid#pid_t", "uid#uid_t", "ok#bool", "p#char *", "raw#unsigned char [3]", "s#s16", "big#__int128", "sz#size_t"]);
    const gcc = hex(`ff ff ff ff e8 03 00 00 01 00 00 00 00 00 00 00 78 56 34 12 80 88 ff ff de ad 00 00 fe ff 00 00
      fe ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00`);
    expect([c.size, c.align]).toEqual([64, 16]);
    const d = c.decode(gcc);
    expect(d).toEqual({ pid: -1, uid: 1000, ok: true, p: 0xffff888012345678n, raw: Uint8Array.of(0xde, 0xad, 0), s: -2, big: -2n, sz: 4096n });
    const out = new DataView(new ArrayBuffer(64));
    c.encode(d, out);
    expect(bytes(out)).toBe(bytes(gcc));
    expect(c.describe).toBe(
      "struct event { pid_t pid; uid_t uid; bool ok; char *p; unsigned char raw[3]; s16 s; __int128 big; size_t sz; }",
    );
  });

  it("maps python's ct_mapping names and common typedefs", () => {
    const cases: [string, number, unknown][] = [
      ["char", 1, -1],
      ["s8", 1, -1],
      ["unsigned char", 1, 255],
      ["u8", 1, 255],
      ["short", 2, -1],
      ["unsigned short", 2, 0xffff],
      ["u16", 2, 0xffff],
      ["int", 4, -1],
      ["s32", 4, -1],
      ["unsigned int", 4, 0xffffffff],
      ["gid_t", 4, 0xffffffff],
      ["long", 8, -1n],
      ["unsigned long", 8, 2n ** 64n - 1n],
      ["long long", 8, -1n],
      ["s64", 8, -1n],
      ["unsigned long long", 8, 2n ** 64n - 1n],
      ["void *", 8, 2n ** 64n - 1n],
      ["u8 *", 8, 2n ** 64n - 1n],
      ["const char *", 8, 2n ** 64n - 1n],
      ["struct task_struct *", 8, 2n ** 64n - 1n],
      ["enum state", 4, -1], // as python: enums are int
      ["unsigned __int128", 16, 2n ** 128n - 1n],
      ["_Bool", 1, true],
      ["const volatile u32", 4, 0xffffffff],
    ];
    const ones = new DataView(new Uint8Array(16).fill(0xff).buffer);
    for (const [type, size, value] of cases) {
      const c = compileEventCodec([`x#${type}`]);
      expect([type, c.size, c.decode(ones)]).toEqual([type, size, { x: value }]);
    }
  });

  it("arrays: old and new clang spellings, multi-word element types, s8 strings, u8 bytes", () => {
    const c = compileEventCodec(["a#char [4]", "b#unsigned char[2]", "c#s8[3]", "d#u8[2]", "e#unsigned long long [2]", "f#int [2][2]"]);
    expect([c.size, c.align]).toEqual([48, 8]); // e aligned to 16
    const v = hex(`68 69 00 7a 01 02 6f 6b 21 03 04 00 00 00 00 00 05 00 00 00 00 00 00 00 06 00 00 00 00 00 00 00
      07 00 00 00 08 00 00 00 09 00 00 00 0a 00 00 00`);
    const d = c.decode(v);
    expect(d).toEqual({ a: "hi", b: Uint8Array.of(1, 2), c: "ok!", d: Uint8Array.of(3, 4), e: [5n, 6n], f: [[7, 8], [9, 10]] });
    expect(c.describe).toBe("struct event { char a[4]; unsigned char b[2]; s8 c[3]; u8 d[2]; unsigned long long e[2]; int f[2][2]; }");
    const out = new DataView(new ArrayBuffer(48));
    c.encode({ ...(d as object), a: "hi\0z" }, out);
    expect(bytes(out)).toBe(bytes(v));
  });

  it("splits name from type at the last '#'", () => {
    expect(compileEventCodec(["odd#name#u16"]).decode(hex("01 00"))).toEqual({ "odd#name": 1 });
  });

  it("rejects unknown types, naming the field, the type and the fix", () => {
    expect(() => compileEventCodec(["pid#u32", "task#struct task_struct"])).toThrow(
      'event field "task" has type "struct task_struct", which bcc-tutor cannot decode; use a fixed-width type (u32, u64, char[N]) in the event struct',
    );
    expect(() => compileEventCodec(["t#mytype_t[4]"])).toThrow(/event field "t" has type "mytype_t\[4\]"/);
    expect(() => compileEventCodec(["nohash"])).toThrow(/bad perf event field "nohash": expected "name#type"/);
  });

  it("encode errors name the event field", () => {
    const c = compileEventCodec(["pid#u32", "comm#char[4]"]);
    const v = new DataView(new ArrayBuffer(c.size));
    expect(() => c.encode({ pid: -1 }, v)).toThrow(/^event\.pid: -1 is out of range for unsigned int/);
    expect(() => c.encode({ comm: "toolong" }, v)).toThrow(/^event\.comm: string is 7 bytes/);
  });
});

import { describe, expect, it } from "vitest";
import { checkedCodec, compileCodec, parseTypeDesc, rawCodec, type Codec } from "../../src/bcc/type-desc.ts";

// Byte literals marked "gcc" were printed by a throwaway C program (gcc 12, x86-64)
// that memset the struct to 0, filled it and dumped sizeof bytes.
const hex = (s: string): DataView => new DataView(Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16)).buffer);
const bytes = (v: DataView): string => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const enc = (c: Codec, x: unknown, fill = 0): DataView => {
  const v = new DataView(new Uint8Array(c.size).fill(fill).buffer);
  c.encode(x, v);
  return v;
};

describe("scalars", () => {
  it("decodes integers up to 32 bits as numbers, 64-bit as bigint", () => {
    const v = hex("ff fe ff ff ff 80 00 00 00 00 00 00 00");
    expect(compileCodec("char").decode(v)).toBe(-1); // x86-64 char is signed
    expect(compileCodec("signed char").decode(v)).toBe(-1); // missing from python's str2ctype
    expect(compileCodec("unsigned char").decode(v)).toBe(255);
    expect(compileCodec("short").decode(v)).toBe(-257);
    expect(compileCodec("unsigned short").decode(v)).toBe(0xfeff);
    expect(compileCodec("int").decode(v)).toBe(-257);
    expect(compileCodec("unsigned int").decode(v, 1)).toBe(0xfffffffe);
    expect(compileCodec("wchar_t").decode(v)).toBe(-257);
    for (const t of ["long", "long long"]) expect(compileCodec(t).decode(v, 5)).toBe(128n);
    for (const t of ["unsigned long", "unsigned long long"]) expect(compileCodec(t).decode(v)).toBe(0x80fffffffeffn);
    expect(compileCodec("long").decode(hex("ff ff ff ff ff ff ff ff"))).toBe(-1n);
  });

  it("sizes and alignments follow x86-64", () => {
    const sa = (t: string): [number, number] => [compileCodec(t).size, compileCodec(t).align];
    expect(sa("_Bool")).toEqual([1, 1]);
    expect(sa("short")).toEqual([2, 2]);
    expect(sa("long")).toEqual([8, 8]);
    expect(sa("__int128")).toEqual([16, 16]);
    expect(sa("long double")).toEqual([16, 16]);
  });

  it("_Bool, float and double", () => {
    expect(compileCodec("_Bool").decode(hex("00"))).toBe(false);
    expect(compileCodec("_Bool").decode(hex("02"))).toBe(true);
    expect(compileCodec("float").decode(hex("00 00 c0 3f"))).toBe(1.5);
    expect(compileCodec("double").decode(hex("00 00 00 00 00 00 f8 bf"))).toBe(-1.5);
    expect(bytes(enc(compileCodec("_Bool"), true))).toBe("01");
    expect(bytes(enc(compileCodec("float"), 1.5))).toBe("00 00 c0 3f");
  });

  it("__int128 and unsigned __int128 (gcc)", () => {
    // struct { char c; __int128 v; unsigned __int128 u; }: v = -(1<<100)-5, u = ~0<<64 | 0x1122334455667788
    const c = compileCodec(["i128", [["c", "char"], ["v", "__int128"], ["u", "unsigned __int128"]], "struct"]);
    const gcc = hex(`02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 fb ff ff ff ff ff ff ff ff ff ff ff ef ff ff ff
      88 77 66 55 44 33 22 11 ff ff ff ff ff ff ff ff`);
    expect(c.size).toBe(48);
    const d = c.decode(gcc);
    expect(d).toEqual({ c: 2, v: -(1n << 100n) - 5n, u: (0xffffffffffffffffn << 64n) | 0x1122334455667788n });
    expect(bytes(enc(c, d))).toBe(bytes(gcc));
  });

  it("long double is x87 80-bit in 16 bytes (gcc)", () => {
    const c = compileCodec(["ld", [["c", "char"], ["d", "long double"]], "struct"]);
    const gcc = hex("01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 c0 ff bf 00 00 00 00 00 00");
    expect([c.size, c.decode(gcc)]).toEqual([32, { c: 1, d: -1.5 }]);
    expect(bytes(enc(c, { c: 1, d: -1.5 }))).toBe(bytes(gcc));
    const ld = compileCodec("long double");
    const cases: [number, string][] = [
      [1, "00 00 00 00 00 00 00 80 ff 3f 00 00 00 00 00 00"],
      [3.141592653589793, "00 c0 68 21 a2 da 0f c9 00 40 00 00 00 00 00 00"], // gcc's 3.14..L has more bits
      [1e300, "2d dd ac 03 40 e4 21 bf e3 43 00 00 00 00 00 00"],
    ];
    for (const [x, b] of cases) {
      expect(ld.decode(hex(b))).toBe(x);
      if (x !== 1e300) expect(bytes(enc(ld, x))).toBe(b); // 1e300L has bits a double lacks
    }
    expect(ld.decode(hex("e9 bd 68 21 a2 da 0f c9 00 40 00 00 00 00 00 00"))).toBe(Math.PI); // gcc 3.14159...L
    expect(ld.decode(hex("a3 7e 58 31 87 5b 44 93 f9 3b 00 00 00 00 00 00"))).toBe(1e-310); // gcc 1e-310L
    expect(ld.decode(enc(ld, 1e-310))).toBe(1e-310); // double subnormal round-trips
    expect(ld.decode(enc(ld, -Infinity))).toBe(-Infinity);
    expect(ld.decode(enc(ld, NaN))).toBeNaN();
  });
});

describe("real bcc descriptions", () => {
  it("task_switch key (struct_packed, two u32)", () => {
    const c = compileCodec(["key_t", [["prev_pid", "unsigned int"], ["curr_pid", "unsigned int"]], "struct_packed"]);
    expect([c.size, c.align]).toEqual([8, 4]);
    expect(c.decode(hex("39 30 00 00 01 00 00 00"))).toEqual({ prev_pid: 12345, curr_pid: 1 });
    expect(bytes(enc(c, { prev_pid: 12345, curr_pid: 1 }))).toBe("39 30 00 00 01 00 00 00");
    expect(c.describe).toBe("struct key_t { unsigned int prev_pid; unsigned int curr_pid; }");
  });

  it("strlen_count key: char[80] decodes to a string cut at the first NUL", () => {
    const c = compileCodec(parseTypeDesc('["key2_t", [["c","char", [80]] ], "struct_packed"]'));
    expect(c.size).toBe(80);
    const v = new DataView(new ArrayBuffer(80));
    new Uint8Array(v.buffer).set([0x68, 0x69, 0, 0x7a, 0x7a]);
    expect(c.decode(v)).toEqual({ c: "hi" });
    expect(bytes(enc(c, { c: "hi" }, 0xff))).toBe(bytes(new DataView(new Uint8Array(80).fill(0).fill(0x68, 0, 1).fill(0x69, 1, 2).buffer)));
  });

  it("BPF_HASH u64 -> u64, BPF_HISTOGRAM int -> u64, BPF_PERF_OUTPUT int -> u32", () => {
    const u64 = compileCodec(parseTypeDesc('"unsigned long long"'));
    expect(u64.decode(hex("08 07 06 05 04 03 02 01"))).toBe(0x0102030405060708n);
    expect(bytes(enc(u64, 0x0102030405060708n))).toBe("08 07 06 05 04 03 02 01");
    expect(bytes(enc(u64, 5))).toBe("05 00 00 00 00 00 00 00"); // numbers accepted too
    const key = compileCodec("int");
    expect([key.size, key.decode(hex("0a 00 00 00"))]).toEqual([4, 10]);
    expect(bytes(enc(key, 10n))).toBe("0a 00 00 00"); // bigints accepted too
    expect(compileCodec("unsigned int").decode(hex("ff ff ff ff"))).toBe(4294967295);
  });

  it("mixed struct: union, packed nested struct, bitfields, array (gcc)", () => {
    const desc = [
      "nested",
      [
        ["a", "unsigned char"],
        ["b", "unsigned long long"],
        ["", [["x", "unsigned int"], ["y", "unsigned short"]], "union"],
        ["s", ["", [["p", "unsigned short"], ["q", "unsigned char"], ["__pad_end", "char", [1]]], "struct_packed"]],
        ["bf1", "unsigned int", 3],
        ["bf2", "unsigned int", 5],
        ["arr", "int", [2]],
      ],
      "struct",
    ];
    // a=0xab b=0x0102030405060708 x=0xdeadbeef s={0x1234,0x56} bf1=5 bf2=17 arr={-1,7}; sizeof 40, align 8
    const gcc = hex(`ab 00 00 00 00 00 00 00 08 07 06 05 04 03 02 01 ef be ad de 34 12 56 00
      8d 00 00 00 ff ff ff ff 07 00 00 00 00 00 00 00`);
    const c = compileCodec(desc);
    expect([c.size, c.align]).toEqual([40, 8]);
    const d = c.decode(gcc);
    expect(d).toEqual({
      a: 0xab,
      b: 0x0102030405060708n,
      x: 0xdeadbeef,
      y: 0xbeef,
      s: { p: 0x1234, q: 0x56 },
      bf1: 5,
      bf2: 17,
      arr: [-1, 7],
    });
    expect(bytes(enc(c, d, 0xff))).toBe(bytes(gcc));
    expect(c.describe).toBe(
      "struct nested { unsigned char a; unsigned long long b; union { unsigned int x; unsigned short y; }; " +
        "struct { unsigned short p; unsigned char q; } s; unsigned int bf1 : 3; unsigned int bf2 : 5; int arr[2]; }",
    );
  });
});

describe("layout", () => {
  it("bitfields pack into their declared unit and restart when they would straddle it (gcc)", () => {
    // unsigned char a:5,b:5; unsigned short c:12; unsigned int d:20; unsigned long long e:40;
    // signed int f:7; _Bool g:1; int :0; int h:3; long long i:33;
    const desc = ["bits", [
      ["a", "unsigned char", 5], ["b", "unsigned char", 5], ["c", "unsigned short", 12], ["d", "unsigned int", 20],
      ["e", "unsigned long long", 40], ["f", "int", 7], ["g", "_Bool", 1], ["", "int", 0], ["h", "int", 3], ["i", "long long", 33],
    ], "struct"];
    const gcc = hex("15 13 bc 0a cb ed 0f 00 9a 78 56 34 12 ce 00 00 05 00 00 00 08 00 00 00");
    const c = compileCodec(desc);
    expect([c.size, c.align]).toEqual([24, 8]);
    const d = c.decode(gcc);
    expect(d).toEqual({ a: 21, b: 19, c: 0xabc, d: 0xfedcb, e: 0x123456789an, f: -50, g: true, h: -3, i: -4294967296n });
    expect(bytes(enc(c, d, 0xff))).toBe(bytes(gcc));
  });

  it("signed bitfields and bitfields sharing bytes with earlier members (gcc)", () => {
    const sbits = compileCodec(["sbits", [["a", "int", 3], ["b", "int", 13], ["u", "unsigned short", 9], ["sc", "signed char", 4]], "struct"]);
    expect(sbits.decode(hex("fc 7f 2c 11"))).toEqual({ a: -4, b: 4095, u: 300, sc: -8 });
    expect(bytes(enc(sbits, { a: -4, b: 4095, u: 300, sc: -8 }))).toBe("fc 7f 2c 11");
    // struct { char c; int bf:4; }: bf lives in byte 1 of the int unit at 0; sizeof 4
    const cbf = compileCodec(["cbf", [["c", "char"], ["bf", "int", 4]], "struct"]);
    expect([cbf.size, cbf.decode(hex("41 0e 00 00"))]).toEqual([4, { c: 65, bf: -2 }]);
    // struct { char c; long long bf:60; }: would straddle, so it starts the next unit; sizeof 16
    const cll = compileCodec(["cll", [["c", "char"], ["bf", "long long", 60]], "struct"]);
    const gcc = hex("42 00 00 00 00 00 00 00 78 56 34 12 f0 de bc 0a");
    // gcc stored 0x0abcdef012345678: bit 59 is set, so the signed 60-bit field reads negative
    const bf = BigInt.asIntN(60, 0x0abcdef012345678n);
    expect(bf).toBe(-379183145927027080n);
    expect([cll.size, cll.decode(gcc)]).toEqual([16, { c: 66, bf }]);
    expect(bytes(enc(cll, { c: 66, bf }))).toBe(bytes(gcc));
    expect(() => cll.encode({ bf: 0x0abcdef012345678n }, new DataView(new ArrayBuffer(16)))).toThrow(/cll\.bf: .* out of range for long long : 60/);
  });

  it("unnamed bitfields are hidden and do not align the struct", () => {
    const c = compileCodec(["u", [["a", "unsigned char", 4], ["", "unsigned long long", 4], ["b", "unsigned char", 4]], "struct"]);
    expect([c.size, c.align]).toEqual([2, 1]);
    expect(c.decode(hex("f3 05"))).toEqual({ a: 3, b: 5 });
  });

  it("a struct_packed nested in a natural struct keeps its C alignment (gcc)", () => {
    // struct outer2 { char c; struct inner8 { u32 a, b; } in; unsigned bf:4; }: in at 4, sizeof 16
    const inner = ["inner8", [["a", "unsigned int"], ["b", "unsigned int"]], "struct_packed"];
    const c = compileCodec(["outer2", [["c", "char"], ["in", inner], ["bf", "unsigned int", 4]], "struct"]);
    expect([c.size, c.decode(hex("09 00 00 00 01 00 00 00 02 00 00 00 0b 00 00 00"))]).toEqual([16, { c: 9, in: { a: 1, b: 2 }, bf: 11 }]);
    // __attribute__((packed)) struct pk { char x; u32 y; } (no pads in bcc's description): alignment 1
    const pk = ["pk", [["x", "char"], ["y", "unsigned int"]], "struct_packed"];
    const c3 = compileCodec(["outer3", [["c", "char"], ["in", pk], ["bf", "unsigned int", 4]], "struct"]);
    expect([c3.size, c3.align]).toEqual([8, 4]);
    expect(c3.decode(hex("09 03 44 33 22 11 0b 00"))).toEqual({ c: 9, in: { x: 3, y: 0x11223344 }, bf: 11 });
  });

  it("padding fields are hidden on decode and written as zero", () => {
    const c = compileCodec(["k", [["a", "char"], ["__pad_1", "char", [7]], ["b", "unsigned long long"], ["c", "short"], ["__pad_end", "char", [6]]], "struct_packed"]);
    expect([c.size, c.align]).toEqual([24, 8]);
    const v = hex("01 ee ee ee ee ee ee ee 02 00 00 00 00 00 00 00 03 00 ee ee ee ee ee ee");
    expect(c.decode(v)).toEqual({ a: 1, b: 2n, c: 3 });
    expect(bytes(enc(c, { a: 1, b: 2n, c: 3, __pad_1: "ignored" }, 0xee))).toBe(
      "01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00",
    );
  });

  it("anonymous members are promoted, also when nested", () => {
    const c = compileCodec(["a", [
      ["k", "unsigned char"],
      ["", [["", [["lo", "unsigned short"], ["hi", "unsigned short"]], "struct"], ["all", "unsigned int"]], "union"],
    ], "struct"]);
    expect([c.size, c.align]).toEqual([8, 4]);
    expect(c.decode(hex("07 00 00 00 01 00 02 00"))).toEqual({ k: 7, lo: 1, hi: 2, all: 0x20001 });
    expect(bytes(enc(c, { k: 7, all: 0x20001 }))).toBe("07 00 00 00 01 00 02 00");
    expect(bytes(enc(c, { lo: 1, hi: 2 }))).toBe("00 00 00 00 01 00 02 00");
  });

  it("unions: size is the largest member rounded to the alignment; last given member wins", () => {
    const c = compileCodec(["u", [["c", "char", [5]], ["i", "int"]], "union"]);
    expect([c.size, c.align]).toEqual([8, 4]);
    expect(c.decode(hex("61 62 00 00 00 00 00 00"))).toEqual({ c: "ab", i: 0x6261 });
    expect(bytes(enc(c, { i: 0x6261 }))).toBe("61 62 00 00 00 00 00 00");
  });

  it("arrays: JS arrays, Uint8Array copies for unsigned char, strings for (signed) char", () => {
    const c = compileCodec(["a", [
      ["n", "short", [3]], ["u", "unsigned char", [3]], ["s", "signed char", [4]], ["q", "unsigned long long", [1]], ["b", "_Bool", [2]],
      ["inner", ["", [["x", "unsigned char"], ["y", "unsigned char"]], "struct_packed"], [2]],
    ], "struct"]);
    expect([c.size, c.align]).toEqual([32, 8]);
    const v = hex("ff ff 02 00 03 00 de ad 00 6f 6b 21 00 00 00 00 09 00 00 00 00 00 00 00 01 00 01 02 03 04 00 00");
    const d = c.decode(v) as { u: Uint8Array };
    expect(d).toEqual({ n: [-1, 2, 3], u: new Uint8Array([0xde, 0xad, 0]), s: "ok!", q: [9n], b: [true, false], inner: [{ x: 1, y: 2 }, { x: 3, y: 4 }] });
    d.u[0] = 0; // a copy, not a view into the buffer
    expect(new Uint8Array(v.buffer)[6]).toBe(0xde);
    expect(bytes(enc(c, c.decode(v)))).toBe(bytes(v));
    expect(bytes(enc(c, { u: Uint8Array.of(1), n: [7] })).slice(0, 23)).toBe("07 00 00 00 00 00 01 00");
  });

  it("multi-dimensional dims are honoured when given", () => {
    const c = compileCodec(["m", [["g", "int", [2, 3]], ["names", "char", [2, 4]]], "struct"]);
    expect(c.size).toBe(32);
    const v = enc(c, { g: [[1, 2, 3], [4, 5, 6]], names: ["ab", "cdef"] });
    expect(c.decode(v)).toEqual({ g: [[1, 2, 3], [4, 5, 6]], names: ["ab", "cdef"] });
  });

  it("char arrays: no NUL uses all bytes, UTF-8 decoded with replacement", () => {
    const c = compileCodec(["s", [["t", "char", [6]]], "struct_packed"]);
    expect(c.decode(hex("61 62 63 64 65 66"))).toEqual({ t: "abcdef" });
    expect(c.decode(hex("c3 a9 74 00 ff ff"))).toEqual({ t: "ét" });
    expect(c.decode(hex("61 ff 62 00 00 00"))).toEqual({ t: "a\ufffdb" });
    expect(bytes(enc(c, { t: "été" }, 0xaa))).toBe("c3 a9 74 c3 a9 00");
    expect(bytes(enc(c, { t: "abcdef" }))).toBe("61 62 63 64 65 66"); // exactly N bytes fits
  });

  it("decodes and encodes at an offset; refuses to run past the view", () => {
    const c = compileCodec("unsigned short");
    const v = hex("00 00 34 12");
    expect(c.decode(v, 2)).toBe(0x1234);
    c.encode(0xbeef, v, 0);
    expect(bytes(v)).toBe("ef be 34 12");
    expect(() => c.decode(v, 3)).toThrow(RangeError);
    expect(() => c.encode(1, v, 3)).toThrow(/cannot encode 2 bytes at offset 3 of a 4-byte view/);
  });

  it("accepts a defensive enum record as unsigned int", () => {
    const c = compileCodec(["k", [["state", ["state_t", ["A", "B"], "enum"]]], "struct"]);
    expect([c.size, c.decode(hex("01 00 00 00"))]).toEqual([4, { state: 1 }]);
  });
});

describe("encoding errors name the field", () => {
  const key = ["key_t", [["prev_pid", "unsigned int"], ["curr_pid", "unsigned int"]], "struct_packed"];
  const nested = ["nested", [
    ["s", ["", [["p", "unsigned short"], ["q", "unsigned char"], ["__pad_end", "char", [1]]], "struct_packed"]],
    ["bf1", "unsigned int", 3], ["arr", "int", [2]], ["comm", "char", [4]], ["raw", "unsigned char", [2]], ["ok", "_Bool"], ["f", "double"],
  ], "struct"];
  const cases: [unknown, unknown, RegExp][] = [
    [key, { prev_pid: -1 }, /^key_t\.prev_pid: -1 is out of range for unsigned int \(0\.\.4294967295\)$/],
    [key, { prev_pid: 2 ** 32 }, /prev_pid: 4294967296 is out of range/],
    [key, { prev_pid: 1.5 }, /prev_pid: 1\.5 is not an integer/],
    [key, { curr_pid: "7" }, /curr_pid: expected a number or bigint for unsigned int, got the string "7"/],
    [key, { pid: 1 }, /key_t: unknown field "pid" \(.* has: prev_pid, curr_pid\)/],
    [key, 5, /key_t: expected an object/],
    [nested, { s: { q: 256 } }, /^nested\.s\.q: 256 is out of range for unsigned char \(0\.\.255\)$/],
    [nested, { bf1: 8 }, /nested\.bf1: 8 is out of range for unsigned int : 3 \(0\.\.7\)/],
    [nested, { arr: [0, 2n ** 31n] }, /nested\.arr\[1\]: 2147483648 is out of range for int/],
    [nested, { arr: [1, 2, 3] }, /nested\.arr: 3 elements given, int\[2\] holds at most 2/],
    [nested, { comm: "hello" }, /nested\.comm: string is 5 bytes in UTF-8, char\[4\] holds at most 4/],
    [nested, { comm: 5 }, /nested\.comm: expected a string/],
    [nested, { raw: new Uint8Array(3) }, /nested\.raw: 3 bytes given, unsigned char\[2\] holds at most 2/],
    [nested, { raw: [1, 300] }, /nested\.raw\[1\]: 300 is out of range/],
    [nested, { ok: "yes" }, /nested\.ok: expected a boolean/],
    [nested, { f: 1n }, /nested\.f: expected a number for double/],
    ["long long", 2n ** 63n, /^value: 9223372036854775808 is out of range for long long/],
    ["unsigned long", -1, /^value: -1 is out of range for unsigned long \(0\.\.18446744073709551615\)/],
  ];
  for (const [desc, value, msg] of cases)
    it(`${JSON.stringify(value, (_, x) => (typeof x === "bigint" ? `${x}n` : x))}`, () => {
      const c = compileCodec(desc);
      expect(() => c.encode(value, new DataView(new ArrayBuffer(c.size)))).toThrow(msg);
    });

  it("accepts full-range values", () => {
    expect(bytes(enc(compileCodec("long long"), -(2n ** 63n)))).toBe("00 00 00 00 00 00 00 80");
    expect(bytes(enc(compileCodec("unsigned long long"), 2n ** 64n - 1n))).toBe("ff ff ff ff ff ff ff ff");
    expect(bytes(enc(compileCodec("char"), -128))).toBe("80");
    expect(bytes(enc(compileCodec(nested), { bf1: 7 })).slice(12, 14)).toBe("07");
  });

  it("missing fields are zero", () => {
    expect(bytes(enc(compileCodec(key), {}, 0xff))).toBe("00 00 00 00 00 00 00 00");
  });
});

describe("compile errors", () => {
  it("unknown types and malformed descriptions", () => {
    expect(() => compileCodec(["k", [["h", "_Float16"]], "struct"])).toThrow(/unknown C type "_Float16" at k\.h \(known: _Bool, char/);
    expect(() => compileCodec(["k", [["a"]], "struct"])).toThrow(/bad bcc type description at k field #0/);
    expect(() => compileCodec(["k", [["a", "int", [-1]]], "struct"])).toThrow(/array dimensions/);
    expect(() => compileCodec(["k", [["a", "int", 33]], "struct"])).toThrow(/bitfield width must be 0\.\.32/);
    expect(() => compileCodec(["k", [["a", "double", 3]], "struct"])).toThrow(/a bitfield needs an integer type/);
    expect(() => compileCodec(["k", [], "class"])).toThrow(/bad bcc type description at k: expected a C type name/);
    expect(() => compileCodec(42)).toThrow(/expected a C type name/);
  });
});

describe("checkedCodec", () => {
  it("matching size: the compiled codec, no warning", () => {
    const warnings: string[] = [];
    const c = checkedCodec("unsigned long long", 8, "last key", (m) => warnings.push(m));
    expect([warnings, c.decode(hex("01 00 00 00 00 00 00 00"))]).toEqual([[], 1n]);
  });

  it("int arr[2][3] described as int[2]: one warning, raw bytes of the real size", () => {
    const warnings: string[] = [];
    const c = checkedCodec(["a23", [["arr", "int", [2]]], "struct_packed"], 24, "table counts leaf", (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^table counts leaf: .*struct a23 \{ int arr\[2\]; \} gives 8 bytes but libbcc reports 24/);
    expect(c.size).toBe(24);
    const src = new Uint8Array(24).map((_, i) => i);
    const d = c.decode(new DataView(src.buffer)) as Uint8Array;
    expect(d).toEqual(src);
    d[0] = 99;
    expect(src[0]).toBe(0); // copied
    const out = new DataView(new ArrayBuffer(24));
    c.encode(src, out);
    expect(new Uint8Array(out.buffer)).toEqual(src);
    expect(() => c.encode(new Uint8Array(8), out)).toThrow(/expected a Uint8Array of 24 bytes, got 8 bytes/);
    expect(() => c.encode({ arr: [1] }, out)).toThrow(/expected a Uint8Array of 24 bytes/);
    expect(warnings).toHaveLength(1);
  });

  it("uncompilable description: one warning, raw bytes", () => {
    const warnings: string[] = [];
    const c = checkedCodec(["k", [["h", "_Float16"]], "struct"], 2, "map k key", (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/^map k key: cannot decode bcc's type description \(unknown C type "_Float16"/)]);
    expect(c.decode(hex("01 02"))).toEqual(Uint8Array.of(1, 2));
  });

  it("rawCodec on its own", () => {
    const c = rawCodec(3);
    expect([c.size, c.align, c.describe]).toEqual([3, 1, "raw 3-byte value"]);
  });
});

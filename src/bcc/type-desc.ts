// Codec for bcc's JSON map key/leaf type descriptions (bpf_table_key_desc /
// bpf_table_leaf_desc), see bcc-binding-notes.md §2. Pure logic: the layout
// is recomputed here (x86-64 SysV, little-endian) and checked by the caller
// against libbcc's reported size, because bcc's description is lossy.

export type RecordKind = "struct" | "struct_packed" | "union";
/** `[name, fields, kind]`; `name` is "" for an anonymous record. */
export type RecordDesc = [name: string, fields: FieldDesc[], kind: RecordKind];
/** Not emitted by the verified bcc builds (enums arrive as their int type), accepted defensively. */
export type EnumDesc = [name: string, enumerators: string[], kind: "enum"];
/** A builtin C type name ("int", "unsigned long long", "_Bool", ...) or a record. */
export type TypeDesc = string | RecordDesc | EnumDesc;
export type FieldDesc =
  | [name: string, type: TypeDesc]
  | [name: string, type: TypeDesc, dims: number[]] // bcc emits only the outermost dimension
  | [name: string, type: TypeDesc, bits: number] // bitfield; name "" = unnamed
  | RecordDesc; // anonymous member (name ""): its members are promoted

export interface Codec {
  readonly size: number;
  readonly align: number;
  decode(view: DataView, offset?: number): unknown;
  encode(value: unknown, view: DataView, offset?: number): void;
  /** C-like spelling of the type, for messages and the tutorial. */
  readonly describe: string;
}

type Dec = (v: DataView, o: number) => unknown;
type Enc = (x: unknown, v: DataView, o: number, path: string) => void;

interface Layout {
  size: number;
  align: number;
  dec: Dec;
  enc: Enc;
  /** C declarator for a member called `name` ("" for the bare type). */
  decl(name: string): string;
  /** Set for builtin scalars: bitfields and char arrays need it. */
  scalar?: ScalarInfo;
}

interface ScalarInfo {
  name: string;
  size: number;
  kind: "int" | "bool" | "float" | "f80";
  signed: boolean;
}

// x86-64 SysV: char is signed, long is 8 bytes, alignment == size.
const SCALARS: Record<string, [size: number, kind: ScalarInfo["kind"], signed: boolean]> = {
  _Bool: [1, "bool", false],
  char: [1, "int", true],
  "signed char": [1, "int", true],
  "unsigned char": [1, "int", false],
  short: [2, "int", true],
  "unsigned short": [2, "int", false],
  int: [4, "int", true],
  "unsigned int": [4, "int", false],
  wchar_t: [4, "int", true],
  long: [8, "int", true],
  "unsigned long": [8, "int", false],
  "long long": [8, "int", true],
  "unsigned long long": [8, "int", false],
  __int128: [16, "int", true],
  "unsigned __int128": [16, "int", false],
  float: [4, "float", true],
  double: [8, "float", true],
  "long double": [16, "f80", true],
};

/** Builtin type names compileCodec understands. */
export const SCALAR_TYPES: readonly string[] = Object.keys(SCALARS);

const TWO32 = 2 ** 32;
const utf8Dec = new TextDecoder("utf-8", { ignoreBOM: true }); // non-fatal: U+FFFD
const utf8Enc = new TextEncoder();

function typeOf(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (x instanceof Uint8Array) return "a Uint8Array";
  return typeof x === "string" ? `the string ${JSON.stringify(x)}` : `a ${typeof x}`;
}

// ---------------------------------------------------------------- integers

/** Range-checks `x` for an integer of `bits`; returns a number (<= 32 bits) or a bigint. */
function intChecker(type: string, bits: number, signed: boolean): (x: unknown, path: string) => number | bigint {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const nmin = Number(min);
  const nmax = Number(max);
  const small = bits <= 32;
  const range = (x: unknown, path: string): Error =>
    new Error(`${path}: ${String(x)} is out of range for ${type} (${min}..${max})`);
  return (x, path) => {
    if (typeof x === "number") {
      if (!Number.isInteger(x)) throw new Error(`${path}: ${x} is not an integer (${type})`);
      if (small) {
        if (x < nmin || x > nmax) throw range(x, path);
        return x;
      }
      x = BigInt(x);
    } else if (typeof x === "bigint") {
      if (small) {
        if (x < min || x > max) throw range(x, path);
        return Number(x);
      }
    } else {
      throw new Error(`${path}: expected a number or bigint for ${type}, got ${typeOf(x)}`);
    }
    if ((x as bigint) < min || (x as bigint) > max) throw range(x, path);
    return x as bigint;
  };
}

function boolValue(x: unknown, path: string): boolean {
  if (typeof x === "boolean") return x;
  if (x === 0 || x === 1 || x === 0n || x === 1n) return x == 1;
  throw new Error(`${path}: expected a boolean (or 0/1) for _Bool, got ${typeOf(x)}`);
}

// x87 80-bit extended precision, stored in 16 bytes; decoded to the nearest double.
function f80Decode(v: DataView, o: number): number {
  const lo = v.getUint32(o, true);
  const hi = v.getUint32(o + 4, true);
  const se = v.getUint16(o + 8, true);
  const sign = se & 0x8000 ? -1 : 1;
  const e = se & 0x7fff;
  if (e === 0x7fff) return (hi & 0x7fffffff) === 0 && lo === 0 ? sign * Infinity : NaN;
  let x = hi * TWO32 + lo;
  let exp = (e === 0 ? 1 : e) - 16383 - 63;
  while (exp > 1000) (x *= 2 ** 1000), (exp -= 1000);
  while (exp < -1000) (x *= 2 ** -1000), (exp += 1000);
  return sign * x * 2 ** exp;
}

function f80Encode(x: number, v: DataView, o: number): void {
  const neg = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  let e = 0;
  let m = 0n;
  if (Number.isNaN(x)) (e = 0x7fff), (m = 0xc000000000000000n);
  else if (!Number.isFinite(x)) (e = 0x7fff), (m = 0x8000000000000000n);
  else if (x !== 0) {
    // Take the double apart, then renormalise with the explicit integer bit at 63.
    const t = new DataView(new ArrayBuffer(8));
    t.setFloat64(0, x, true);
    const bits = t.getBigUint64(0, true);
    const e64 = Number((bits >> 52n) & 0x7ffn);
    m = bits & 0xfffffffffffffn;
    let exp = e64 === 0 ? -1074 : e64 - 1075;
    if (e64 !== 0) m |= 1n << 52n;
    const shift = 64 - m.toString(2).length;
    m <<= BigInt(shift);
    exp -= shift;
    e = exp + 63 + 16383;
  }
  v.setBigUint64(o, m, true);
  v.setUint16(o + 8, neg | e, true);
}

const scalarCache = new Map<string, Layout>();

function scalarLayout(name: string): Layout | undefined {
  const hit = scalarCache.get(name);
  if (hit) return hit;
  const spec = SCALARS[name];
  if (!spec) return undefined;
  const [size, kind, signed] = spec;
  const info: ScalarInfo = { name, size, kind, signed };
  let dec: Dec;
  let enc: Enc;
  if (kind === "bool") {
    dec = (v, o) => v.getUint8(o) !== 0;
    enc = (x, v, o, p) => v.setUint8(o, boolValue(x, p) ? 1 : 0);
  } else if (kind === "float") {
    const f32 = size === 4;
    dec = f32 ? (v, o) => v.getFloat32(o, true) : (v, o) => v.getFloat64(o, true);
    enc = (x, v, o, p) => {
      if (typeof x !== "number") throw new Error(`${p}: expected a number for ${name}, got ${typeOf(x)}`);
      if (f32) v.setFloat32(o, x, true);
      else v.setFloat64(o, x, true);
    };
  } else if (kind === "f80") {
    dec = f80Decode;
    enc = (x, v, o, p) => {
      if (typeof x !== "number") throw new Error(`${p}: expected a number for ${name}, got ${typeOf(x)}`);
      f80Encode(x, v, o);
    };
  } else {
    const check = intChecker(name, size * 8, signed);
    [dec, enc] = intAccess(size, signed, check);
  }
  const l: Layout = { size, align: size, dec, enc, decl: (n) => join(name, n), scalar: info };
  scalarCache.set(name, l);
  return l;
}

function intAccess(size: number, signed: boolean, check: (x: unknown, p: string) => number | bigint): [Dec, Enc] {
  switch (size) {
    case 1:
      return signed
        ? [(v, o) => v.getInt8(o), (x, v, o, p) => v.setInt8(o, check(x, p) as number)]
        : [(v, o) => v.getUint8(o), (x, v, o, p) => v.setUint8(o, check(x, p) as number)];
    case 2:
      return signed
        ? [(v, o) => v.getInt16(o, true), (x, v, o, p) => v.setInt16(o, check(x, p) as number, true)]
        : [(v, o) => v.getUint16(o, true), (x, v, o, p) => v.setUint16(o, check(x, p) as number, true)];
    case 4:
      return signed
        ? [(v, o) => v.getInt32(o, true), (x, v, o, p) => v.setInt32(o, check(x, p) as number, true)]
        : [(v, o) => v.getUint32(o, true), (x, v, o, p) => v.setUint32(o, check(x, p) as number, true)];
    case 8:
      return signed
        ? [(v, o) => v.getBigInt64(o, true), (x, v, o, p) => v.setBigInt64(o, check(x, p) as bigint, true)]
        : [(v, o) => v.getBigUint64(o, true), (x, v, o, p) => v.setBigUint64(o, check(x, p) as bigint, true)];
    default: {
      // 128-bit: two little-endian 64-bit halves.
      const dec: Dec = (v, o) => {
        const u = (v.getBigUint64(o + 8, true) << 64n) | v.getBigUint64(o, true);
        return signed ? BigInt.asIntN(128, u) : u;
      };
      const enc: Enc = (x, v, o, p) => {
        const u = BigInt.asUintN(128, check(x, p) as bigint);
        v.setBigUint64(o, u & 0xffffffffffffffffn, true);
        v.setBigUint64(o + 8, u >> 64n, true);
      };
      return [dec, enc];
    }
  }
}

// --------------------------------------------------------------- bitfields

const UNIT_ACCESS: Record<number, [(v: DataView, o: number) => number, (v: DataView, o: number, n: number) => void]> = {
  1: [(v, o) => v.getUint8(o), (v, o, n) => v.setUint8(o, n)],
  2: [(v, o) => v.getUint16(o, true), (v, o, n) => v.setUint16(o, n, true)],
  4: [(v, o) => v.getUint32(o, true), (v, o, n) => v.setUint32(o, n, true)],
};

/** Reads/writes `w` bits at bit `shift` of the storage unit (the declared type) at the member offset. */
function bitfieldAccess(sc: ScalarInfo, shift: number, w: number): [Dec, Enc] {
  const type = `${sc.name} : ${w}`;
  const check = sc.kind === "bool" ? null : intChecker(type, w, sc.signed);
  if (sc.size <= 4) {
    const [get, set] = UNIT_ACCESS[sc.size]!;
    const up = 32 - w;
    const low = 2 ** w - 1;
    const mask = low * 2 ** shift; // < 2^32: the field lies inside its unit
    const raw = sc.signed
      ? (v: DataView, o: number) => ((get(v, o) >>> shift) << up) >> up
      : (v: DataView, o: number) => ((get(v, o) >>> shift) << up) >>> up;
    const dec: Dec = sc.kind === "bool" ? (v, o) => raw(v, o) !== 0 : raw;
    const enc: Enc = (x, v, o, p) => {
      const n = check ? (check(x, p) as number) : boolValue(x, p) ? 1 : 0;
      set(v, o, ((get(v, o) & ~mask) | ((n & low) << shift)) >>> 0);
    };
    return [dec, enc];
  }
  // 64/128-bit units go through bigint.
  const unitBits = sc.size * 8;
  const bshift = BigInt(shift);
  const bmask = ((1n << BigInt(w)) - 1n) << bshift;
  const read = (v: DataView, o: number): bigint =>
    sc.size === 8 ? v.getBigUint64(o, true) : (v.getBigUint64(o + 8, true) << 64n) | v.getBigUint64(o, true);
  const dec: Dec = (v, o) => {
    const f = read(v, o) >> bshift;
    return sc.signed ? BigInt.asIntN(w, f) : BigInt.asUintN(w, f);
  };
  const enc: Enc = (x, v, o, p) => {
    const u = (read(v, o) & ~bmask) | ((BigInt.asUintN(w, check!(x, p) as bigint) << bshift) & bmask);
    v.setBigUint64(o, BigInt.asUintN(64, u), true);
    if (unitBits === 128) v.setBigUint64(o + 8, u >> 64n, true);
  };
  return [dec, enc];
}

// ------------------------------------------------------------------ arrays

function decodeCString(v: DataView, o: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const b = v.getUint8(o + i);
    if (b === 0) return s;
    if (b >= 0x80) return decodeUtf8(v, o, n); // rare: leave ASCII fast path
    s += String.fromCharCode(b);
  }
  return s;
}

function decodeUtf8(v: DataView, o: number, n: number): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset + o, n);
  const end = bytes.indexOf(0);
  // Copy: TextDecoder may refuse a view on a SharedArrayBuffer.
  return utf8Dec.decode(bytes.slice(0, end < 0 ? n : end));
}

function zero(v: DataView, o: number, n: number): void {
  new Uint8Array(v.buffer, v.byteOffset + o, n).fill(0);
}

function arrayLayout(el: Layout, n: number): Layout {
  const es = el.size;
  const size = es * n;
  const decl = (name: string): string => el.decl(`${name}[${n}]`);
  const sc = el.scalar;
  if (sc && sc.size === 1 && sc.kind === "int") {
    if (sc.signed) {
      // char[N] / signed char[N]: C string, cut at the first NUL (python's c_char arrays).
      const enc: Enc = (x, v, o, p) => {
        if (typeof x !== "string") throw new Error(`${p}: expected a string for ${decl("")}, got ${typeOf(x)}`);
        const b = utf8Enc.encode(x);
        if (b.length > n) throw new Error(`${p}: string is ${b.length} bytes in UTF-8, ${decl("")} holds at most ${n}`);
        zero(v, o, n);
        new Uint8Array(v.buffer, v.byteOffset + o, n).set(b);
      };
      return { size, align: 1, dec: (v, o) => decodeCString(v, o, n), enc, decl };
    }
    // unsigned char[N]: raw bytes, copied out.
    const enc: Enc = (x, v, o, p) => {
      if (!(x instanceof Uint8Array) && !Array.isArray(x))
        throw new Error(`${p}: expected a Uint8Array for ${decl("")}, got ${typeOf(x)}`);
      if (x.length > n) throw new Error(`${p}: ${x.length} bytes given, ${decl("")} holds at most ${n}`);
      zero(v, o, n);
      for (let i = 0; i < x.length; i++) el.enc(x[i], v, o + i, `${p}[${i}]`);
    };
    return { size, align: 1, dec: (v, o) => new Uint8Array(v.buffer, v.byteOffset + o, n).slice(), enc, decl };
  }
  const dec: Dec = (v, o) => {
    const a = new Array<unknown>(n);
    for (let i = 0; i < n; i++) a[i] = el.dec(v, o + i * es);
    return a;
  };
  const enc: Enc = (x, v, o, p) => {
    if (!Array.isArray(x)) throw new Error(`${p}: expected an array for ${decl("")}, got ${typeOf(x)}`);
    if (x.length > n) throw new Error(`${p}: ${x.length} elements given, ${decl("")} holds at most ${n}`);
    for (let i = 0; i < x.length; i++) if (x[i] !== undefined) el.enc(x[i], v, o + i * es, `${p}[${i}]`);
  };
  return { size, align: el.align, dec, enc, decl };
}

// ----------------------------------------------------------------- records

/** A named member as it appears in the decoded object (anonymous records already flattened). */
interface Member {
  name: string;
  off: number;
  dec: Dec;
  enc: Enc;
}

interface RecordLayout extends Layout {
  members: Member[];
}

const isKind = (k: unknown): k is RecordKind => k === "struct" || k === "struct_packed" || k === "union";
const alignUp = (x: number, a: number): number => Math.ceil(x / a) * a;
/** "int" + "x[2]" -> "int x[2]"; "int" + "[2]" -> "int[2]" (bare array type). */
const join = (type: string, n: string): string => (!n ? type : n.startsWith("[") ? type + n : `${type} ${n}`);
const hidden = (name: string): boolean => name === "" || name.startsWith("__pad_");

function bad(where: string, msg: string, x: unknown): Error {
  return new Error(`bad bcc type description at ${where}: ${msg} (got ${JSON.stringify(x)})`);
}

function typeLayout(desc: unknown, where: string): Layout {
  if (typeof desc === "string") {
    const l = scalarLayout(desc);
    if (!l) throw new Error(`unknown C type "${desc}" at ${where} (known: ${SCALAR_TYPES.join(", ")})`);
    return l;
  }
  if (Array.isArray(desc) && desc.length === 3 && desc[2] === "enum" && typeof desc[0] === "string") {
    const l = scalarLayout("unsigned int")!;
    return { ...l, decl: (n) => join(`enum ${desc[0]}`, n) };
  }
  if (Array.isArray(desc) && desc.length === 3 && typeof desc[0] === "string" && Array.isArray(desc[1]) && isKind(desc[2]))
    return recordLayout(desc[0], desc[1], desc[2], where);
  throw bad(where, 'expected a C type name or ["name", [fields], "struct"|"struct_packed"|"union"]', desc);
}

function recordLayout(rname: string, fields: unknown[], kind: RecordKind, where: string): RecordLayout {
  const union = kind === "union";
  const packed = kind === "struct_packed";
  const members: Member[] = [];
  const parts: string[] = [];
  let bit = 0; // next free bit (structs)
  let usize = 0; // largest member (unions)
  let align = 1;
  let natural = 1; // struct_packed: alignment the same layout has in C, if consistent
  let aligned = true;

  for (const [i, f] of fields.entries()) {
    if (!Array.isArray(f) || typeof f[0] !== "string" || (f.length !== 2 && f.length !== 3))
      throw bad(`${where} field #${i}`, '["name", type] / ["name", type, [N]] / ["name", type, bits] expected', f);
    const name: string = f[0];
    const fw = `${where}.${name || `#${i}`}`;
    const third: unknown = f[2];

    if (typeof third === "number") {
      // Bitfield: SysV packs it into the storage unit of its declared type, starting
      // a new unit when it would straddle one; a zero width aligns to the next unit.
      const sc = typeof f[1] === "string" ? scalarLayout(f[1])?.scalar : undefined;
      if (!sc || (sc.kind !== "int" && sc.kind !== "bool"))
        throw bad(fw, "a bitfield needs an integer type", f[1]);
      if (packed) throw bad(fw, "bitfields inside struct_packed are not supported", f);
      const ub = sc.size * 8;
      if (!Number.isInteger(third) || third < 0 || third > (sc.kind === "bool" ? 1 : ub))
        throw bad(fw, `bitfield width must be 0..${ub}`, third);
      const start = union ? 0 : bit;
      if (third === 0) {
        if (!union) bit = alignUp(bit, ub);
        continue;
      }
      const pos = Math.floor(start / ub) === Math.floor((start + third - 1) / ub) ? start : alignUp(start, ub);
      const unit = Math.floor(pos / ub) * sc.size;
      if (union) usize = Math.max(usize, Math.ceil(third / 8));
      else bit = pos + third;
      if (name === "") continue; // unnamed bitfields neither show nor align (SysV)
      align = Math.max(align, sc.size);
      const [dec, enc] = bitfieldAccess(sc, pos - unit * 8, third);
      members.push({ name, off: unit, dec, enc });
      parts.push(`${sc.name} ${name} : ${third}`);
      continue;
    }

    let t: Layout;
    let anon = false;
    if (typeof third === "string") {
      // ["", [fields], kind]: an anonymous struct/union member (or python's named variant).
      if (!isKind(third)) throw bad(fw, 'record kind must be "struct", "struct_packed" or "union"', third);
      if (!Array.isArray(f[1])) throw bad(fw, "record fields must be a list", f[1]);
      t = recordLayout(name, f[1], third, fw);
      anon = name === "";
    } else {
      t = typeLayout(f[1], fw);
      if (third !== undefined) {
        if (!Array.isArray(third) || third.length === 0 || !third.every((d) => Number.isInteger(d) && d >= 0))
          throw bad(fw, "array dimensions must be a list of non-negative integers", third);
        for (let d = third.length - 1; d >= 0; d--) t = arrayLayout(t, third[d] as number);
      }
    }

    const off = union ? 0 : alignUp(Math.ceil(bit / 8), packed ? 1 : t.align);
    if (union) usize = Math.max(usize, t.size);
    else bit = (off + t.size) * 8;
    if (packed) {
      natural = Math.max(natural, t.align);
      aligned &&= off % t.align === 0;
    } else align = Math.max(align, t.align);

    if (anon) {
      for (const m of (t as RecordLayout).members) members.push({ ...m, off: off + m.off });
      parts.push(t.decl(""));
    } else if (!hidden(name)) {
      members.push({ name, off, dec: t.dec, enc: t.enc });
      parts.push(t.decl(name));
    }
  }

  let size: number;
  if (packed) {
    // pack=1 lays members out; the alignment used when this record is nested is the
    // natural one when bcc's explicit padding makes the layout naturally aligned
    // (the usual case), 1 for a genuinely __attribute__((packed)) struct.
    size = Math.ceil(bit / 8);
    align = aligned && size % natural === 0 ? natural : 1;
  } else size = alignUp(union ? usize : Math.ceil(bit / 8), align);

  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.name)) throw bad(where, `duplicate member "${m.name}"`, rname);
    seen.add(m.name);
  }
  const head = `${union ? "union" : "struct"}${rname ? " " + rname : ""} { ${parts.map((p) => p + "; ").join("")}}`;
  return { size, align, members, dec: recordDec(members), enc: recordEnc(members, head), decl: (n) => join(head, n) };
}

// Generated per record: a shared decode loop makes V8's call sites and keyed stores
// megamorphic (feedback is shared by closures of one literal), which cost ~3x on a
// 3-field event. Only JSON-quoted names and integer offsets reach the source text.
function recordDec(ms: Member[]): Dec {
  const key = (name: string): string => (name === "__proto__" ? `[${JSON.stringify(name)}]` : JSON.stringify(name));
  const src =
    ms.map((_, i) => `const d${i} = d[${i}];\n`).join("") +
    `return function decode(v, o) { return { ${ms.map((m, i) => `${key(m.name)}: d${i}(v, o + ${m.off})`).join(", ")} }; };`;
  return new Function("d", src)(ms.map((m) => m.dec)) as Dec;
}

// Members are written in declaration order, so for a union the last given member wins.
// Absent members stay zero: the top-level encode clears the whole value first.
function recordEnc(ms: Member[], head: string): Enc {
  const names = new Set(ms.map((m) => m.name));
  return (x, v, o, p) => {
    if (typeof x !== "object" || x === null || Array.isArray(x) || x instanceof Uint8Array)
      throw new Error(`${p}: expected an object for ${head}, got ${typeOf(x)}`);
    const obj = x as Record<string, unknown>;
    for (const k of Object.keys(obj))
      if (!names.has(k) && !k.startsWith("__pad_"))
        throw new Error(`${p}: unknown field "${k}" (${head} has: ${[...names].join(", ") || "no fields"})`);
    for (const m of ms) {
      const val = obj[m.name];
      if (val !== undefined) m.enc(val, v, o + m.off, `${p}.${m.name}`);
    }
  };
}

// ------------------------------------------------------------------ public

function finish(l: Layout, root: string): Codec {
  const { size, align } = l;
  const room = (view: DataView, offset: number, op: string): void => {
    if (offset < 0 || offset + size > view.byteLength)
      throw new RangeError(`${root}: cannot ${op} ${size} bytes at offset ${offset} of a ${view.byteLength}-byte view`);
  };
  return {
    size,
    align,
    describe: l.decl(""),
    decode(view, offset = 0) {
      room(view, offset, "decode");
      return l.dec(view, offset);
    },
    encode(value, view, offset = 0) {
      room(view, offset, "encode");
      zero(view, offset, size); // padding and absent members are zero
      l.enc(value, view, offset, root);
    },
  };
}

/** Compiles a parsed bcc key/leaf description into a codec; throws on malformed or unknown types. */
export function compileCodec(desc: unknown): Codec {
  const root = Array.isArray(desc) && typeof desc[0] === "string" && desc[0] ? desc[0] : "value";
  return finish(typeLayout(desc, root), root);
}

/** Decodes to / encodes from a Uint8Array of exactly `size` bytes. */
export function rawCodec(size: number, describe = `raw ${size}-byte value`): Codec {
  const check = (x: unknown): Uint8Array => {
    if (!(x instanceof Uint8Array) || x.length !== size)
      throw new Error(`${describe}: expected a Uint8Array of ${size} bytes, got ${x instanceof Uint8Array ? `${x.length} bytes` : typeOf(x)}`);
    return x;
  };
  return finish(
    {
      size,
      align: 1,
      dec: (v, o) => new Uint8Array(v.buffer, v.byteOffset + o, size).slice(),
      enc: (x, v, o) => new Uint8Array(v.buffer, v.byteOffset + o, size).set(check(x)),
      decl: () => describe,
    },
    describe,
  );
}

/**
 * compileCodec, cross-checked against the size libbcc reports. When the description
 * cannot be compiled or disagrees (e.g. `int a[2][3]` is described as `int a[2]`),
 * warns once and falls back to raw bytes.
 */
export function checkedCodec(desc: unknown, expectedSize: number, what: string, warn: (msg: string) => void): Codec {
  let codec: Codec;
  try {
    codec = compileCodec(desc);
  } catch (e) {
    warn(`${what}: cannot decode bcc's type description (${(e as Error).message}); values are raw Uint8Array of ${expectedSize} bytes`);
    return rawCodec(expectedSize);
  }
  if (codec.size !== expectedSize) {
    warn(
      `${what}: bcc's type description ${codec.describe} gives ${codec.size} bytes but libbcc reports ${expectedSize} ` +
        `(multi-dimensional arrays lose their inner dimensions in the description); values are raw Uint8Array of ${expectedSize} bytes`,
    );
    return rawCodec(expectedSize);
  }
  return codec;
}

/** Parses the JSON text returned by bpf_table_key_desc / bpf_table_leaf_desc. */
export function parseTypeDesc(json: string): TypeDesc {
  return JSON.parse(json) as TypeDesc;
}

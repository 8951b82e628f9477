// Codec for perf / ring-buffer events, described by bcc as "name#type" strings
// (bpf_perf_event_field), e.g. ["pid#u32", "ts#u64", "comm#char[16]"]. The
// types are clang spellings, so typedefs survive; they are mapped to builtin
// names (python's ct_mapping plus common typedefs) and compiled by type-desc.ts
// as a naturally aligned struct.

import { compileCodec, type Codec, type FieldDesc } from "./type-desc.ts";

const ALIASES: Record<string, string> = {
  char: "char",
  "signed char": "signed char",
  "unsigned char": "unsigned char",
  short: "short",
  "unsigned short": "unsigned short",
  int: "int",
  "unsigned int": "unsigned int",
  long: "long",
  "unsigned long": "unsigned long",
  "long long": "long long",
  "unsigned long long": "unsigned long long",
  __int128: "__int128",
  "unsigned __int128": "unsigned __int128",
  _Bool: "_Bool",
  bool: "_Bool",
  float: "float",
  double: "double",
  // kernel / bcc typedefs; s8 is c_char in python, so s8[N] is a string too
  s8: "char",
  u8: "unsigned char",
  s16: "short",
  u16: "unsigned short",
  s32: "int",
  u32: "unsigned int",
  s64: "long long",
  u64: "unsigned long long",
  __s8: "signed char",
  __u8: "unsigned char",
  __s16: "short",
  __u16: "unsigned short",
  __s32: "int",
  __u32: "unsigned int",
  __s64: "long long",
  __u64: "unsigned long long",
  int8_t: "signed char",
  uint8_t: "unsigned char",
  int16_t: "short",
  uint16_t: "unsigned short",
  int32_t: "int",
  uint32_t: "unsigned int",
  int64_t: "long long",
  uint64_t: "unsigned long long",
  pid_t: "int",
  uid_t: "unsigned int",
  gid_t: "unsigned int",
  size_t: "unsigned long",
  ssize_t: "long",
};

/** Maps a clang type spelling to [builtin type, array dims]; undefined when unknown. */
function resolve(type: string): [string, number[]] | undefined {
  let base = type.replace(/\b(const|volatile)\b/g, " ").replace(/\s+/g, " ").trim();
  const dims: number[] = [];
  // "char[16]" (LLVM >= 16) or "char [16]" (older); "int [2][3]" keeps every dimension.
  const arr = /^(.*?) ?((?:\[\d+\])+)$/.exec(base);
  if (arr) {
    base = arr[1]!;
    for (const m of arr[2]!.matchAll(/\[(\d+)\]/g)) dims.push(Number(m[1]));
  }
  if (base.endsWith("*")) return ["unsigned long long", dims]; // any pointer: its 64-bit value
  if (base.startsWith("enum ")) return ["int", dims]; // as python does
  const t = ALIASES[base];
  return t === undefined ? undefined : [t, dims];
}

/** Compiles bcc's perf/ring-buffer field list; throws naming the first field it cannot decode. */
export function compileEventCodec(fields: string[]): Codec {
  const descs: FieldDesc[] = [];
  const parts: string[] = [];
  for (const f of fields) {
    const hash = f.lastIndexOf("#");
    if (hash <= 0) throw new Error(`bad perf event field "${f}": expected "name#type"`);
    const name = f.slice(0, hash);
    const type = f.slice(hash + 1).trim();
    const r = resolve(type);
    if (!r)
      throw new Error(
        `event field "${name}" has type "${type}", which bcc-tutor cannot decode; ` +
          `use a fixed-width type (u32, u64, char[N]) in the event struct`,
      );
    const [t, dims] = r;
    descs.push(dims.length ? [name, t, dims] : [name, t]);
    const arr = /^(.*?) ?((?:\[\d+\])+)$/.exec(type);
    parts.push(arr ? `${arr[1]} ${name}${arr[2]}` : type.endsWith("*") ? `${type}${name}` : `${type} ${name}`);
  }
  const codec = compileCodec(["event", descs, "struct"]);
  return { ...codec, describe: `struct event { ${parts.map((p) => p + "; ").join("")}}` };
}

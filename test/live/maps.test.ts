// Every map type round-trips keys and values written by the BPF program
// and by JS. The program runs on sys_enter_sync; the test runs `sync`.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArrayTable, BPF, HashTable, PerCpuArray, PerCpuHash, QueueStack, StackTrace } from "../../src/index.ts";
import { possibleCpus } from "../../src/bcc/cpus.ts";

const PROGRAM = `
struct inner { u16 p; u8 q; };
struct nested {
  u8 a;
  u64 b;
  union { u32 x; u16 y; };
  struct inner s;
  u32 bf1 : 3;
  u32 bf2 : 5;
  int arr[2];
};
struct name_t { char name[16]; u8 raw[4]; };

BPF_HASH(h64, u64, u64);
BPF_TABLE("lru_hash", u32, u32, lru, 16);
BPF_ARRAY(arr, s32, 4);
BPF_PERCPU_HASH(pch, u32, u64);
BPF_PERCPU_ARRAY(pca, u64, 2);
BPF_HASH(structs, u32, struct nested);
BPF_HASH(names, struct name_t, u32);
BPF_HASH(from_js, u32, struct nested);
BPF_HASH(echo, u32, struct nested);
BPF_QUEUE(queue, u32, 8);
BPF_STACK_TRACE(stacks, 16);
BPF_HASH(stack_ids, u32, int);

int on_sync(void *ctx) {
  u64 k = 7, v = 0x1122334455667788ULL;
  h64.update(&k, &v);
  u32 lk = 3, lv = 33;
  lru.update(&lk, &lv);
  int idx = 2; s32 neg = -5;
  arr.update(&idx, &neg);
  u32 pk = 1; u64 one = 1;
  pch.update(&pk, &one);
  int ai = 1;
  u64 *slot = pca.lookup(&ai);
  if (slot) *slot = 9;

  struct nested n = {};
  n.a = 200; n.b = 0xffffffffffffffffULL; n.x = 0xdeadbeef; n.s.p = 513; n.s.q = 7;
  n.bf1 = 5; n.bf2 = 17; n.arr[0] = -1; n.arr[1] = 123456;
  u32 sk = 1;
  structs.update(&sk, &n);

  struct name_t nm = {};
  __builtin_memcpy(nm.name, "sync-key", 9);
  nm.raw[0] = 1; nm.raw[3] = 255;
  u32 count = 42;
  names.update(&nm, &count);

  struct nested *in = from_js.lookup(&sk);
  if (in) echo.update(&sk, in);

  u32 qv = 11;
  queue.push(&qv, 0);
  // REUSE: a later sync's stack in the same bucket replaces it, never -EEXIST.
  int sid = stacks.get_stackid(ctx, BPF_F_USER_STACK | BPF_F_REUSE_STACKID);
  stack_ids.update(&sk, &sid);
  return 0;
}`;

let b: BPF;

beforeAll(async () => {
  b = await BPF.create({ text: PROGRAM });
  b.attachTracepoint({ tp: "syscalls:sys_enter_sync", fnName: "on_sync" });
});
afterAll(() => b?.close());

function sync(): void {
  expect(spawnSync("sync").status).toBe(0);
}

describe("maps written from BPF, read from JS", () => {
  beforeAll(() => {
    // JS writes first so the BPF side can echo it back on the same sync.
    b.table<HashTable<number, object>>("from_js").set(1, {
      a: 1, b: 2n, x: 0x01020304, s: { p: 5, q: 6 }, bf1: 7, bf2: 31, arr: [-9, 9],
    });
    sync();
  });

  it("hash: u64 keys and values are bigints", () => {
    const t = b.table<HashTable<bigint, bigint>>("h64");
    expect(t).toBeInstanceOf(HashTable);
    expect(t.get(7n)).toBe(0x1122334455667788n);
    expect(t.get(8n)).toBeUndefined();
    expect([...t.entries()]).toContainEqual([7n, 0x1122334455667788n]);
  });

  it("LRU hash: u32 as numbers", () => {
    const t = b.get<HashTable<number, number>>("lru");
    expect(t.get(3)).toBe(33);
    expect(t.has(3)).toBe(true);
  });

  it("array: signed values, every index present", () => {
    const t = b.table<ArrayTable<number>>("arr");
    expect(t).toBeInstanceOf(ArrayTable);
    expect(t.size).toBe(4);
    expect([...t.values()]).toEqual([0, 0, -5, 0]);
  });

  it("per-CPU hash and array: one value per possible CPU", () => {
    const ncpu = possibleCpus().length;
    const h = b.table<PerCpuHash<number, bigint>>("pch");
    expect(h).toBeInstanceOf(PerCpuHash);
    expect(h.get(1)).toHaveLength(ncpu);
    expect(h.sum(1)).toBeGreaterThanOrEqual(1n);
    const a = b.table<PerCpuArray<bigint>>("pca");
    expect(a).toBeInstanceOf(PerCpuArray);
    expect(a.sum(1)).toBeGreaterThanOrEqual(9n);
  });

  it("a struct with nested struct, anonymous union, bitfields, array and padding decodes to what BPF wrote", () => {
    const v = b.table<HashTable<number, Record<string, unknown>>>("structs").get(1);
    expect(v).toEqual({ a: 200, b: 0xffffffffffffffffn, x: 0xdeadbeef, y: 0xbeef, s: { p: 513, q: 7 }, bf1: 5, bf2: 17, arr: [-1, 123456] });
    expect(Object.keys(v!).some((k) => k.startsWith("__pad"))).toBe(false);
  });

  it("char[] keys are strings cut at the NUL, unsigned char[] are bytes", () => {
    const entries = [...b.table<HashTable<{ name: string; raw: Uint8Array }, number>>("names").entries()];
    expect(entries).toHaveLength(1);
    const [k, v] = entries[0]!;
    expect(k.name).toBe("sync-key");
    expect(Array.from(k.raw)).toEqual([1, 0, 0, 255]);
    expect(v).toBe(42);
  });

  it("a struct written from JS reaches the BPF program intact", () => {
    expect(b.table<HashTable<number, Record<string, unknown>>>("echo").get(1)).toMatchObject({
      a: 1, b: 2n, x: 0x01020304, s: { p: 5, q: 6 }, bf1: 7, bf2: 31, arr: [-9, 9],
    });
  });

  it("queue: pop gives what BPF pushed", () => {
    const q = b.table<QueueStack<number>>("queue");
    expect(q).toBeInstanceOf(QueueStack);
    expect(q.pop()).toBe(11);
  });

  it("stack trace: the user stack of sync walks to addresses", () => {
    const id = b.table<HashTable<number, number>>("stack_ids").get(1)!;
    const st = b.table<StackTrace>("stacks");
    expect(st).toBeInstanceOf(StackTrace);
    // A user stack always has at least the syscall's return address.
    expect(id).toBeGreaterThanOrEqual(0);
    const addrs = [...st.walk(id)].map(BigInt);
    expect(addrs.length).toBeGreaterThan(0);
    // User-space addresses (below the canonical hole), not the kernel's.
    for (const a of addrs) expect(a > 0n && a < 0x800000000000n, `0x${a.toString(16)}`).toBe(true);
  });
});

describe("maps written and erased from JS", () => {
  it("set, get, has, delete, size, keys, clear on a hash", () => {
    const t = b.table<HashTable<bigint, bigint>>("h64");
    t.clear();
    expect(t.size).toBe(0);
    for (let i = 0n; i < 100n; i++) t.set(i, i * i);
    expect(t.size).toBe(100);
    expect(t.get(9n)).toBe(81n);
    expect(new Set(t.keys()).size).toBe(100);
    expect(t.delete(9n)).toBe(true);
    expect(t.delete(9n)).toBe(false);
    expect(t.has(9n)).toBe(false);
    expect(new Map(t).get(10n)).toBe(100n);
    t.clear();
    expect(t.size).toBe(0);
  });

  it("per-CPU values are set as arrays and rejected otherwise", () => {
    const t = b.table<PerCpuHash<number, bigint>>("pch");
    const ncpu = possibleCpus().length;
    t.set(5, Array.from({ length: ncpu }, (_, i) => BigInt(i + 1)));
    expect(t.sum(5)).toBe(BigInt((ncpu * (ncpu + 1)) / 2));
    expect(() => t.set(5, [1n] as never)).toThrow(/per-CPU/);
  });

  it("array clear zeroes every slot", () => {
    const t = b.table<ArrayTable<number>>("arr");
    t.set(0, 77);
    t.clear();
    expect([...t.values()]).toEqual([0, 0, 0, 0]);
  });

  it("an out-of-range value is a clear error, not a wrong value", () => {
    expect(() => b.table<HashTable<number, number>>("lru").set(1, 2 ** 40)).toThrow(/out of range/);
  });

  it("an unknown table name is a clear error", () => {
    expect(() => b.table("nope")).toThrow(/no table named "nope"/);
  });
});

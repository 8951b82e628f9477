// USDT probes of a real process, and a socket filter on loopback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BPF, BpfAttachError, USDT, type PerfEventArray } from "../../src/index.ts";
import { get, startUsdtServer, type Server } from "../helpers/http-server.ts";
import { within } from "../helpers/child.ts";

describe("USDT", () => {
  let server: Server;
  beforeAll(async () => { server = await startUsdtServer(); });
  afterAll(() => server?.stop());

  it("lists the probes of a process", () => {
    const u = new USDT({ pid: server.pid });
    try {
      expect(u.listProbes()).toContainEqual(expect.objectContaining({ provider: "node", name: "http__server__request", numArguments: 7 }));
    } finally {
      u.close();
    }
  });

  it("delivers argument 6 (the URL) of http__server__request", async () => {
    const u = new USDT({ pid: server.pid });
    u.enableProbe({ probe: "http__server__request", fnName: "do_trace" });
    expect(u.getText()).toContain("_bpf_readarg_do_trace_6");
    const b = await BPF.create({
      text: `
struct req_t { char path[64]; };
BPF_PERF_OUTPUT(reqs);
int do_trace(struct pt_regs *ctx) {
  u64 addr = 0;
  struct req_t r = {};
  bpf_usdt_readarg(6, ctx, &addr);
  bpf_probe_read_user(&r.path, sizeof(r.path), (void *)addr);
  reqs.perf_submit(ctx, &r, sizeof(r));
  return 0;
}`,
      usdtContexts: [u],
    });
    try {
      const seen: string[] = [];
      b.table<PerfEventArray<{ path: string }>>("reqs").openPerfBuffer((e) => seen.push(e.path));
      expect(await get(server.port, "/index.html")).toBe(200);
      expect(await get(server.port, "/missing?x=1")).toBe(404);
      await within((async () => { while (seen.length < 2) await b.perfBufferPoll(200); })(), 10_000, "two requests");
      expect(seen).toEqual(["/index.html", "/missing?x=1"]);
    } finally {
      b.close();
      u.close();
    }
  });

  it("maps compile errors past the USDT helpers to the caller's line", async () => {
    const u = new USDT({ pid: server.pid }).enableProbe({ probe: "http__server__request", fnName: "do_trace" });
    try {
      const err = await BPF.create({ text: "int do_trace(struct pt_regs *ctx) {\n  return nope;\n}\n", usdtContexts: [u] }).catch((e: unknown) => e);
      expect((err as { line?: number }).line).toBe(2);
    } finally {
      u.close();
    }
  });

  it("a bad PID, a dead PID and a missing probe are typed errors", () => {
    expect(() => new USDT({ pid: -3 })).toThrow(BpfAttachError);
    expect(() => new USDT({ pid: 0x3ffffff0 })).toThrow(/no such process/);
    const u = new USDT({ pid: server.pid });
    try {
      expect(() => u.enableProbe({ probe: "no__such__probe", fnName: "f" })).toThrow(/no probe no__such__probe in process \d+; it has: node:http__server__request/);
    } finally {
      u.close();
    }
  });

  it("a process without USDT notes says so", () => {
    const u = new USDT({ pid: process.pid });
    try {
      expect(() => u.enableProbe({ probe: "anything", fnName: "f" })).toThrow(BpfAttachError);
    } finally {
      u.close();
    }
  });
});

describe("socket filter", () => {
  it("sees an HTTP request sent to a loopback server, on lo", async () => {
    const server = http.createServer((_, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const b = await BPF.create({
      text: `
#include <bcc/proto.h>
int http_filter(struct __sk_buff *skb) {
  u8 *cursor = 0;
  struct ethernet_t *eth = cursor_advance(cursor, sizeof(*eth));
  if (eth->type != 0x0800) return 0;
  struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
  if (ip->nextp != 6) return 0;
  struct tcp_t *tcp = cursor_advance(cursor, sizeof(*tcp));
  if (tcp->dst_port != ${port}) return 0;
  return -1;
}`,
    });
    const fn = b.loadFunc("http_filter", BPF.SOCKET_FILTER);
    const sock = BPF.attachRawSocket(fn, "lo");
    try {
      expect(fn.sock).toBe(sock.fd);
      const packets = sock.packets();
      const found = (async () => {
        for await (const p of packets) if (p.includes(`GET /sock-test-${port} HTTP/1.1`)) return true;
        return false;
      })();
      await new Promise<void>((resolve, reject) =>
        http.get({ host: "127.0.0.1", port, path: `/sock-test-${port}`, agent: false }, (res) => { res.resume(); res.on("end", resolve); }).on("error", reject),
      );
      expect(await within(found, 10_000, "the request packet")).toBe(true);
    } finally {
      b.close();
      server.close();
    }
  });

  it("an unknown interface is a typed error listing the real ones", async () => {
    const b = await BPF.create({ text: "int f(struct __sk_buff *skb) { return -1; }" });
    try {
      const fn = b.loadFunc("f", BPF.SOCKET_FILTER);
      expect(() => BPF.attachRawSocket(fn, "nosuch0")).toThrow(/no such network interface \(this machine has: .*lo/);
      expect(() => BPF.attachRawSocket(fn, "lo; rm -rf /")).toThrow(/not a valid interface name/);
    } finally {
      b.close();
    }
  });
});

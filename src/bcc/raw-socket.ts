// Socket filters: a SOCKET_FILTER program attached to a raw packet socket
// on one interface. The socket is non-blocking; packets are read when the
// libuv watcher says it is readable, so the event loop never blocks.
import fs from "node:fs";
import koffi from "koffi";
import { lib } from "./clib.ts";
import { withStderrCaptured } from "./stderr-capture.ts";
import { BpfAttachError } from "./errors.ts";
import { EventQueue } from "./event-queue.ts";
import { publish } from "./observe.ts";
import { closeQuietly } from "./fd.ts";

interface SocketFunction { name: string; fd: number; sock?: number }

const IFNAME = /^[A-Za-z0-9_.:-]{1,15}$/;
const MAX_PACKET = 65536;

export class RawSocket implements AsyncIterable<Buffer> {
  private watcher: ReturnType<typeof koffi.node.poll> | undefined;
  private queue: EventQueue<Buffer> | undefined;
  private closed = false;

  constructor(readonly fd: number, readonly ifname: string) {}

  /** One packet if one is waiting, else null. Never blocks. */
  readNow(): Buffer | null {
    if (this.closed) return null;
    const buf = Buffer.allocUnsafe(MAX_PACKET);
    try {
      const n = fs.readSync(this.fd, buf, 0, buf.length, null);
      return Buffer.from(buf.subarray(0, n));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EAGAIN") return null;
      throw err;
    }
  }

  /** Packets as they arrive (each read() of the socket is one packet). Bounded: oldest dropped past 10,000 unread. */
  packets(): AsyncIterableIterator<Buffer> {
    if (!this.queue) {
      const q = new EventQueue<Buffer>(10_000, () => this.close());
      this.queue = q;
      if (this.closed) {
        q.end();
        return q;
      }
      this.watcher = koffi.node.poll(this.fd, { readable: true }, () => {
        for (let p = this.readNow(); p; p = this.readNow()) q.push(p);
      });
    }
    return this.queue;
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this.packets();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watcher?.close();
    this.queue?.end();
    closeQuietly(this.fd);
  }
}

const sockets = new WeakMap<SocketFunction, RawSocket>();

export function openRawSocket(fn: SocketFunction, ifname: string): RawSocket {
  if (!IFNAME.test(ifname)) throw new BpfAttachError("socket", ifname, "not a valid interface name");
  if (!fs.existsSync(`/sys/class/net/${ifname}`)) {
    const have = fs.readdirSync("/sys/class/net").join(", ");
    throw new BpfAttachError("socket", ifname, `no such network interface (this machine has: ${have})`);
  }
  const seen = { kind: "socket_filter", target: ifname, fnName: fn.name } as const;
  if (publish("probeAttach", { bpf: undefined, ...seen, loadOnly: false }).loadOnly) {
    // Loaded (verified) and not attached: a socket that never delivers a packet.
    publish("probeAttached", { bpf: undefined, ...seen, loadOnly: true });
    const none = new RawSocket(-1, ifname);
    none.close();
    return none;
  }
  const { result: sock, log } = withStderrCaptured(() => lib.bpf_open_raw_sock(ifname) as number);
  if (sock < 0) throw new BpfAttachError("socket", ifname, log.trim() || "could not open a raw socket (root needed)");
  if ((lib.bpf_attach_socket(sock, fn.fd) as number) < 0) {
    fs.closeSync(sock);
    throw new BpfAttachError("socket", ifname, `could not attach ${fn.name}() to the socket (is it loaded as BPF.SOCKET_FILTER?)`);
  }
  fn.sock = sock;
  const s = new RawSocket(sock, ifname);
  sockets.set(fn, s);
  publish("probeAttached", { bpf: undefined, ...seen, loadOnly: false });
  // The socket queues packets from here on, whether or not packets() is read yet.
  publish("listen", { kind: "raw_socket", name: ifname });
  return s;
}

/** Closes the raw socket of fn, if it has one (BPF.close calls this). */
export function closeRawSocketOf(fn: SocketFunction): void {
  sockets.get(fn)?.close();
  sockets.delete(fn);
}

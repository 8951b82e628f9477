// Writes one line to a pipe the parent reads, whole, from synchronous code
// (an 'exit' handler included). The pipe may be non-blocking and full for a
// moment (a large snapshot): wait briefly and go on, rather than drop it.
import fs from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));
const GIVE_UP_MS = 2000;

export function writeLine(fd: number, text: string): void {
  const buf = Buffer.from(`${text}\n`);
  let off = 0;
  const started = Date.now();
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (err) {
      // EPIPE / EBADF: the parent went away, nothing to tell.
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN" || Date.now() - started > GIVE_UP_MS) return;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

// Lesson 15 traces a process: the project's loopback HTTP server with the
// USDT probe Node.js used to have (fixtures/usdt-http-server, built by set-up).
import fs from "node:fs";
import path from "node:path";
import { usdtServerBinary as usdtServerPath } from "../paths.ts";
import { superviseSpawn } from "./supervise.ts";

export interface FixtureServer {
  pid: number;
  port: number;
  stop(): void;
}

export function startUsdtServer(timeoutMs = 5000): Promise<FixtureServer> {
  const usdtServerBinary = usdtServerPath();
  if (!fs.existsSync(usdtServerBinary)) {
    return Promise.reject(new Error(`${usdtServerBinary} is missing: run \`sudo bcc-tutor setup\` (it builds it from fixtures/usdt-http-server)`));
  }
  // Supervised like the lesson's program: it dies with the tutor.
  const sup = superviseSpawn(usdtServerBinary, ["0"], { stdio: ["ignore", "pipe", "ignore"] });
  const proc = sup.child;
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      sup.release();
      reject(new Error("the USDT HTTP server did not start listening within 5 s"));
    }, timeoutMs);
    proc.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ pid: proc.pid!, port: Number(m[1]), stop: () => sup.release() });
      }
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      sup.release();
      reject(new Error(`the USDT HTTP server exited (${code}) before listening`));
    });
  });
}

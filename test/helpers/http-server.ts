// Lesson 15's USDT HTTP server (built by scripts/setup.sh into build/), on
// 127.0.0.1 and a free port.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { projectRoot } from "./fixtures.ts";

export const usdtServerPath = path.join(projectRoot, "build", "usdt-http-server");

export interface Server { proc: ChildProcess; pid: number; port: number; stop(): void }

export async function startUsdtServer(): Promise<Server> {
  if (!fs.existsSync(usdtServerPath)) throw new Error(`${usdtServerPath} is missing: run scripts/setup.sh (it builds it)`);
  const proc = spawn(usdtServerPath, ["0"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on("exit", (c) => reject(new Error(`usdt-http-server exited (${c}) before listening`)));
  });
  return { proc, pid: proc.pid!, port, stop: () => proc.kill("SIGTERM") };
}

export function get(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", reject);
  });
}

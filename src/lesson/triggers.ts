// The workloads that make a lesson's probe fire. Every command runs as an
// argv array (never through a shell); every step is bounded in time.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { scratchDir } from "../paths.ts";
import type { TriggerStep } from "./schema.ts";

const STEP_TIMEOUT_MS = 20_000;

export interface TriggerContext {
  /** Port of the lesson's fixture server, for http-get with port "fixture". */
  fixturePort?: number;
  signal?: AbortSignal;
}

export async function runTrigger(steps: TriggerStep[], ctx: TriggerContext = {}): Promise<void> {
  for (const step of steps) {
    if (ctx.signal?.aborted) return;
    await runStep(step, ctx);
  }
}

async function runStep(step: TriggerStep, ctx: TriggerContext): Promise<void> {
  switch (step.kind) {
    case "exec":
      for (let i = 0; i < step.times; i++) {
        await exec(step.argv);
        if (step.gapMs && i < step.times - 1) await sleep(step.gapMs);
      }
      return;
    case "sleep":
      return sleep(step.ms);
    case "disk-io":
      return diskIo(step.bytes);
    case "http-get": {
      const port = step.port === "fixture" ? ctx.fixturePort : step.port;
      if (!port) throw new Error("http-get trigger: the lesson's fixture server is not running");
      for (const p of step.paths) await httpGet(port, p);
      return;
    }
    case "getrandom":
      for (let i = 0; i < step.times; i++) {
        await exec(["/usr/bin/python3", "-c", `import os; os.getrandom(${step.bytes})`]);
      }
      return;
  }
}

export function exec(argv: string[], timeoutMs = STEP_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`trigger: cannot run ${argv[0]}: ${err.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Block I/O that reaches the disk: direct writes (flushed) and direct reads,
 * one request size each. On a scratch file of the project's file system, or
 * on BCC_TUTOR_DISK_IO_TARGET (a file or block device, e.g. the kernel
 * matrix guest's scratch disk, whose root file system makes no block I/O).
 */
async function diskIo(sizes: number[]): Promise<void> {
  const target = process.env.BCC_TUTOR_DISK_IO_TARGET || process.env.KERNEL_MATRIX_DISK;
  const dir = scratchDir();
  const file = target || path.join(dir, `disk-io-${process.pid}.bin`);
  if (!target) fs.mkdirSync(dir, { recursive: true });
  const dd = async (args: string[]) => {
    const code = await exec(["dd", ...args, "status=none"]);
    if (code !== 0) throw new Error(`disk-io: dd ${args.join(" ")} failed (exit ${code}); does ${file} allow direct I/O?`);
  };
  try {
    for (const size of sizes) {
      const bs = Math.max(4096, Math.ceil(size / 4096) * 4096);
      await dd(["if=/dev/zero", `of=${file}`, `bs=${bs}`, "count=4", "oflag=direct", "conv=fsync,notrunc"]);
      await dd([`if=${file}`, "of=/dev/null", `bs=${bs}`, "count=4", "iflag=direct"]);
    }
  } finally {
    if (!target) fs.rmSync(file, { force: true });
  }
}

function httpGet(port: number, urlPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${urlPath}: no answer in 5 s`)));
    req.on("error", reject);
  });
}

// The workloads that make a lesson's probe fire. Every command runs as an
// argv array (never through a shell); every step is bounded in time.
import { spawn } from "node:child_process";
import { dieWithTutor } from "./supervise.ts";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { scratchDir } from "../paths.ts";
import type { TriggerStep } from "./schema.ts";
import { emptyRecord, hrtimeMs, pick, planSyncGaps, rng, runSeed, type WorkloadRecord } from "./workload-record.ts";

const STEP_TIMEOUT_MS = 20_000;

export interface TriggerContext {
  /** Port of the lesson's fixture server, for http-get with port "fixture". */
  fixturePort?: number;
  signal?: AbortSignal;
  /** Seed of the random parts (sync counts and gaps); default: a fresh one (BCC_TUTOR_SEED replays). */
  seed?: number;
}

/** Runs the steps and returns what they did (the truth the checker judges against). */
export async function runTrigger(steps: TriggerStep[], ctx: TriggerContext = {}): Promise<WorkloadRecord> {
  const record = emptyRecord(ctx.seed ?? runSeed());
  const r = rng(record.seed);
  for (const step of steps) {
    if (ctx.signal?.aborted) break;
    await runStep(step, ctx, record, r);
  }
  return record;
}

async function runStep(step: TriggerStep, ctx: TriggerContext, record: WorkloadRecord, r: () => number): Promise<void> {
  const run = (argv: string[]) => exec(argv, STEP_TIMEOUT_MS, (pid) => record.pids.push(pid));
  switch (step.kind) {
    case "exec":
      for (let i = 0; i < step.times; i++) {
        const gapMs = i > 0 ? step.gapMs : 0;
        if (gapMs) await sleep(gapMs);
        const startedAt = hrtimeMs();
        await exec(step.argv, STEP_TIMEOUT_MS, (pid) => {
          record.pids.push(pid);
          if (step.argv[0] === "sync" && step.argv.length === 1) record.syncs.push({ pid, startedAt, gapMs });
        });
      }
      return;
    case "syncs": {
      const gaps = planSyncGaps(r, pick(r, step.count), step.quickGapMs, pick(r, step.slow), step.slowGapMs);
      for (const gapMs of gaps) {
        if (ctx.signal?.aborted) return;
        if (gapMs) await sleep(gapMs);
        const startedAt = hrtimeMs();
        await exec(["sync"], STEP_TIMEOUT_MS, (pid) => {
          record.pids.push(pid);
          record.syncs.push({ pid, startedAt, gapMs });
        });
      }
      return;
    }
    case "sleep":
      return sleep(step.ms);
    case "disk-io":
      return diskIo(step.bytes, record);
    case "http-get": {
      const port = step.port === "fixture" ? ctx.fixturePort : step.port;
      if (!port) throw new Error("http-get trigger: the lesson's fixture server is not running");
      for (const p of step.paths) await httpGet(port, p);
      return;
    }
    case "getrandom":
      for (let i = 0; i < step.times; i++) {
        await run(["/usr/bin/python3", "-c", `import os; os.getrandom(${step.bytes})`]);
      }
      return;
  }
}

export function exec(argv: string[], timeoutMs = STEP_TIMEOUT_MS, onPid?: (pid: number) => void): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // setpriv execs the command: the pid recorded is the workload's own.
    const [cmd, ...args] = dieWithTutor(argv);
    const child = spawn(cmd!, args, { stdio: "ignore" });
    if (child.pid) onPid?.(child.pid);
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
async function diskIo(sizes: number[], record: WorkloadRecord): Promise<void> {
  const target = process.env.BCC_TUTOR_DISK_IO_TARGET || process.env.KERNEL_MATRIX_DISK;
  const dir = scratchDir();
  const file = target || path.join(dir, `disk-io-${process.pid}.bin`);
  if (!target) fs.mkdirSync(dir, { recursive: true });
  let dev: string | undefined;
  const dd = async (op: "W" | "R", bs: number, args: string[]) => {
    let pid = 0;
    const code = await exec(["dd", ...args, "status=none"], STEP_TIMEOUT_MS, (p) => record.pids.push((pid = p)));
    dev ??= diskOf(file);
    record.disk.push({ op, bytes: bs, requests: 4, dev, pid });
    if (code !== 0) throw new Error(`disk-io: dd ${args.join(" ")} failed (exit ${code}); does ${file} allow direct I/O?`);
  };
  try {
    for (const size of sizes) {
      const bs = Math.max(4096, Math.ceil(size / 4096) * 4096);
      await dd("W", bs, ["if=/dev/zero", `of=${file}`, `bs=${bs}`, "count=4", "oflag=direct", "conv=fsync,notrunc"]);
      await dd("R", bs, [`if=${file}`, "of=/dev/null", `bs=${bs}`, "count=4", "iflag=direct"]);
    }
  } finally {
    if (!target) fs.rmSync(file, { force: true });
  }
}

/**
 * The disk (major:minor) a file's requests reach, as block tracepoints name
 * it: a partition's requests are issued to its whole disk.
 */
export function diskOf(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    const isDev = st.isBlockDevice();
    const d = isDev ? st.rdev : st.dev;
    const major = Math.floor(d / 256) & 0xfff;
    const minor = (d & 0xff) | ((Math.floor(d / 1048576) & 0xfff) << 8);
    const sys = `/sys/dev/block/${major}:${minor}`;
    if (!fs.existsSync(sys)) return undefined;
    if (fs.existsSync(path.join(sys, "partition"))) return fs.readFileSync(path.join(fs.realpathSync(sys), "..", "dev"), "utf8").trim();
    return `${major}:${minor}`;
  } catch {
    return undefined;
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

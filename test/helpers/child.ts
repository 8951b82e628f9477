// Runs a TypeScript snippet that uses the binding in its own process, the
// way learners' programs run: real node, real tsx, the readiness fd open.
// (.mts: the temp folder has no package.json saying "type": "module".)
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./fixtures.ts";

// The tutor's preload does the readiness reporting on fd 3, as for lessons.
const childPreload = path.join(projectRoot, "src", "lesson", "child-preload.ts");
export const bindingUrl = pathToFileURL(path.join(projectRoot, "src", "index.ts")).href;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-tutor-child-"));
let n = 0;

export interface Child {
  proc: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first readiness message ({event:"ready"} or {event:"error"}); report lines are skipped. */
  ready: Promise<Record<string, unknown>>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** source may use BINDING for the binding's import specifier. preload false: the binding alone, no tutor code. */
export function runScript(source: string, env: Record<string, string> = {}, opts: { preload?: boolean } = {}): Child {
  const file = path.join(dir, `script-${process.pid}-${n++}.mts`);
  fs.writeFileSync(file, source.replaceAll("BINDING", bindingUrl));
  const proc = spawn(process.execPath, ["--import", "tsx", ...(opts.preload === false ? [] : ["--import", childPreload]), file], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    env: { ...process.env, BCC_TUTOR_READY_FD: "3", ...env },
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    let buf = "";
    const ctl = proc.stdio[3] as NodeJS.ReadableStream;
    ctl.on("data", (d) => {
      buf += d;
      for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
        const msg = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
        buf = buf.slice(nl + 1);
        if (msg.event === "ready" || msg.event === "error") return resolve(msg);
      }
    });
    void exit.then((e) => reject(new Error(`child exited (${e.code ?? e.signal}) before it was ready:\n${err}${out}`)));
  });
  ready.catch(() => undefined);
  return { proc, pid: proc.pid!, stdout: () => out, stderr: () => err, ready, exit };
}

/** A promise that rejects after ms, for racing against events that may never come. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

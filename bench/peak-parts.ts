// Where a process's memory is at its peak: /proc/PID/smaps read every few
// milliseconds while it runs, and the reading with the largest total Rss
// kept, summed by what the pages belong to. Used by footprint.ts to show
// which part of a lesson's peak differs between node and python bcc.
import { spawn } from "node:child_process";
import fs from "node:fs";

export const PARTS = ["executable", "LLVM and clang", "other libraries", "[heap] (malloc)", "other anonymous"] as const;
export type Part = (typeof PARTS)[number];
export type PeakParts = Record<Part, number> & { totalKb: number };

function partOf(mapping: string, executable: RegExp): Part {
  if (executable.test(mapping)) return "executable";
  if (/\/lib(LLVM|clang)/.test(mapping)) return "LLVM and clang";
  if (mapping === "[heap]") return "[heap] (malloc)";
  if (mapping.startsWith("/")) return "other libraries";
  return "other anonymous";
}

function reading(pid: number, executable: RegExp): PeakParts | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, "utf8");
  } catch {
    return undefined;
  }
  const parts = { totalKb: 0, ...Object.fromEntries(PARTS.map((p) => [p, 0])) } as PeakParts;
  let part: Part = "other anonymous";
  for (const line of text.split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      part = partOf(head[1] ?? "", executable);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      parts[part] += Number(rss[1]);
      parts.totalKb += Number(rss[1]);
    }
  }
  return parts;
}

/** Runs argv to its end; the parts at its largest reading. `executable`: the runtime's own files (node, python3.x and libpython). */
export function peakParts(argv: string[], executable: RegExp, env: NodeJS.ProcessEnv): Promise<PeakParts> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    let best: PeakParts | undefined;
    const timer = setInterval(() => {
      const r = child.pid ? reading(child.pid, executable) : undefined;
      if (r && r.totalKb > (best?.totalKb ?? 0)) best = r;
    }, 3);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0 || !best) reject(new Error(`${argv.join(" ")} failed (exit ${code}): ${stderr}`));
      else resolve(best);
    });
  });
}

// Kernel functions a kprobe can attach to, matched by a regular expression
// (bcc's get_kprobe_functions, without its hard requirement on debugfs).
import fs from "node:fs";

const SKIP_PREFIX = /^(_kbl_addr_|__perf|perf_|__SCT__)/;
const COLD = /\.cold(\.\d+)?$/;

export function getKprobeFunctions(re: RegExp): string[] {
  const blacklist = readBlacklist();
  const found = new Set<string>();
  let inInit = false;
  let inIrq = false;
  for (const line of fs.readFileSync("/proc/kallsyms", "utf8").split("\n")) {
    const [, type, name] = line.split(/\s+/);
    if (!type || !name) continue;
    if (name === "__init_begin") inInit = true;
    else if (name === "__init_end") inInit = false;
    else if (name === "__irqentry_text_start") inIrq = true;
    else if (name === "__irqentry_text_end") inIrq = false;
    if (inInit || inIrq) continue;
    if (!/^[tTwW]$/.test(type) || SKIP_PREFIX.test(name) || COLD.test(name)) continue;
    if (blacklist.has(name) || !re.test(name)) continue;
    found.add(name);
  }
  return [...found];
}

function readBlacklist(): Set<string> {
  try {
    const text = fs.readFileSync("/sys/kernel/debug/kprobes/blacklist", "utf8");
    return new Set(text.split("\n").map((l) => l.split(/\s+/)[1]).filter((n): n is string => !!n));
  } catch {
    return new Set(); // debugfs not mounted or not readable: attach will tell
  }
}

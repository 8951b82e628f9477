// CPU lists from sysfs ("0-3,5"): per-CPU maps have one value per possible
// CPU, perf buffers one reader per online CPU.
import fs from "node:fs";

function parseList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.trim().split(",")) {
    if (!part) continue;
    const [a, b] = part.split("-").map(Number) as [number, number | undefined];
    for (let i = a; i <= (b ?? a); i++) out.push(i);
  }
  return out;
}

export const possibleCpus = (): number[] => parseList(fs.readFileSync("/sys/devices/system/cpu/possible", "utf8"));
export const onlineCpus = (): number[] => parseList(fs.readFileSync("/sys/devices/system/cpu/online", "utf8"));

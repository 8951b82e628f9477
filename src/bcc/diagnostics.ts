// Parses clang's diagnostics as libbcc prints them on fd 2.
import type { Diagnostic } from "./errors.ts";

const LINE_RE = /^(.*?):(\d+):(\d+): (error|warning|note|fatal error): (.*)$/;

/**
 * @param lineOffset lines the binding prepended to the caller's text (USDT
 *   argument helpers), subtracted so lines refer to the caller's C text.
 * @param fileName the name shown for the main file (bcc calls it /virtual/main.c).
 */
export function parseDiagnostics(log: string, lineOffset = 0, fileName?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = log.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const m = LINE_RE.exec(raw.trim());
    if (!m) continue;
    const next = lines[i + 1];
    const caret = lines[i + 2];
    const snippet = next !== undefined && caret !== undefined && /^\s*\d*\s*\|?\s*\^/.test(caret) ? next.replace(/^\s*\d+\s*\|\s?/, "") : undefined;
    const isMain = m[1] === "/virtual/main.c";
    out.push({
      file: isMain && fileName ? fileName : m[1]!,
      line: isMain ? Number(m[2]) - lineOffset : Number(m[2]),
      column: Number(m[3]),
      severity: m[4] as Diagnostic["severity"],
      message: m[5]!,
      ...(snippet !== undefined && snippet.trim() ? { snippet } : {}),
    });
  }
  return out;
}

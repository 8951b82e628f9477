// Maps a clang diagnostic in C embedded in a TypeScript file back to the
// line of that file: the C line's text is looked up in the file, nearest
// after where the C text starts.
import type { ChildError } from "./runner.ts";

export interface MappedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function mapCompileError(err: ChildError, fileName: string, fileText: string): MappedLocation | undefined {
  const d = err.diagnostics?.find((x) => x.severity === "error" || x.severity === "fatal error");
  if (!d) return undefined;
  if (d.file !== "/virtual/main.c") return { file: d.file, line: d.line, column: d.column, message: d.message };
  const cLines = (err.source ?? "").split("\n");
  // Prefer the line clang quoted: bcc's rewriting (TRACEPOINT_PROBE adds
  // lines) can move line numbers off the caller's text, never the text.
  const quoted = d.snippet?.trim();
  const wanted = quoted || cLines[d.line - 1]?.trim();
  const lines = fileText.split("\n");
  if (!wanted) return { file: fileName, line: d.line, column: d.column, message: `${d.message} (line ${d.line} of the C program)` };
  // Where the C text begins in the file: its first non-empty line.
  const firstC = cLines.find((l) => l.trim() !== "")?.trim();
  const start = Math.max(0, firstC ? lines.findIndex((l) => l.includes(firstC)) : 0);
  for (let i = start; i < lines.length; i++) {
    const at = lines[i]!.indexOf(wanted);
    if (at >= 0) {
      const cCol = (quoted ? d.snippet! : cLines[d.line - 1]!).indexOf(wanted);
      return { file: fileName, line: i + 1, column: at + (d.column - 1 - cCol) + 1, message: d.message };
    }
  }
  return { file: fileName, line: d.line, column: d.column, message: `${d.message} (line ${d.line} of the C program)` };
}

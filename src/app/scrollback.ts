// The run pane's output: a bounded ring of lines, fed by arbitrary chunks.
// A program printing 50,000 lines a second costs O(1) per line here, and
// memory stays bounded whatever it prints.
import { escapeTerminal } from "../util/escape.ts";

export const MAX_LINE_CHARS = 500;

export class Scrollback {
  private lines: string[] = [];
  private start = 0;
  private partial = "";
  /** Lines dropped off the top since the run began. */
  dropped = 0;
  /** Bumped on every change, so React can tell. */
  version = 0;

  /** The version the screen last drew (set by the throttled subscription, use-scrollback.ts). */
  published = 0;

  constructor(readonly max = 2000) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split("\n");
    this.partial = parts.pop() ?? "";
    if (this.partial.length > MAX_LINE_CHARS * 4) {
      parts.push(this.partial);
      this.partial = "";
    }
    for (const p of parts) this.add(p);
    this.version++;
  }

  /** A line of the app's own (status), not from the program. */
  note(text: string): void {
    this.add(text, false);
    this.version++;
  }

  private add(line: string, escape = true): void {
    const safe = escape ? escapeTerminal(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line) : line;
    this.lines.push(safe);
    if (this.lines.length - this.start > this.max) {
      this.start++;
      this.dropped++;
      if (this.start > this.max) {
        this.lines = this.lines.slice(this.start);
        this.start = 0;
      }
    }
  }

  get length(): number {
    return this.lines.length - this.start + (this.partial ? 1 : 0);
  }

  /** Up to n lines ending `fromEnd` lines above the bottom. */
  tail(n: number, fromEnd = 0): string[] {
    const all = this.partial ? [...this.lines.slice(this.start), escapeTerminal(this.partial.slice(0, MAX_LINE_CHARS))] : this.lines.slice(this.start);
    const end = Math.max(0, all.length - fromEnd);
    return all.slice(Math.max(0, end - n), end);
  }

  clear(): void {
    this.lines = [];
    this.start = 0;
    this.partial = "";
    this.dropped = 0;
    this.version++;
  }
}

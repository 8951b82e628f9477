// A child's output, kept bounded: past the cap, output is counted and
// dropped (the child keeps running; its pipe never blocks it).
export const OUTPUT_CAP = 1024 * 1024;
const MAX_LINE = 4096;

export class BoundedOutput {
  private chunks: string[] = [];
  private size = 0;
  dropped = 0;

  constructor(private readonly cap = OUTPUT_CAP) {}

  push(text: string): void {
    if (this.size >= this.cap) {
      this.dropped += text.length;
      return;
    }
    const room = this.cap - this.size;
    const kept = text.length > room ? text.slice(0, room) : text;
    this.dropped += text.length - kept.length;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  text(): string {
    return this.chunks.join("");
  }

  /** Lines, each cut to a sane length (one enormous line must not hang a regex or a screen). */
  lines(): string[] {
    return this.text().split("\n").map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l)).filter((l, i, a) => l !== "" || i < a.length - 1);
  }
}

// A crash's message without the stack: what run, repl, check and the app
// show a learner (the full text with --verbose). Node prints an uncaught
// error as: the throwing line's location, its source and a caret, the error
// line, its stack frames, the error's own properties, and "Node.js vNN".

const FRAME = /^\s+at /;
const LOCATION = /^(file:\/\/)?\/\S*:\d+$/;
const CARET = /^\s*\^+\s*$/;
const NODE_VERSION = /^Node\.js v\d/;
/** "BpfAttachError: …", "TypeError [ERR_X]: …", "Error: …" at the start of a line. */
const ERROR_LINE = /^[\w$.]*(Error|Exception)( \[[\w]+\])?:/;
const LOOSE_ERROR = /(^|\s)(\w*Error|ERROR)\b|error:/;
/** The error's own properties Node prints after the stack: `  kind: 'socket',`, `{`, `}`. */
const PROPERTY = /^\s*([{}]|\w+: .*,?)\s*$/;

const clip = (l: string) => (l.length > 300 ? `${l.slice(0, 300)}…` : l);

export function errorGist(stderr: string, opts: { verbose?: boolean } = {}): string {
  if (opts.verbose) return stderr.replace(/\n+$/, "");
  const lines = withoutSourceExcerpts(stderr.split("\n")).filter((l) => l.trim() !== "" && !FRAME.test(l) && !NODE_VERSION.test(l));
  let main = lines.findIndex((l) => ERROR_LINE.test(l));
  if (main < 0) main = lines.findIndex((l) => LOOSE_ERROR.test(l));
  if (main < 0) return lines.slice(-3).map(clip).join("\n");
  const pick = [lines[main]!];
  for (const l of lines.slice(main + 1, main + 3)) {
    if (PROPERTY.test(l) || ERROR_LINE.test(l)) break;
    pick.push(l);
  }
  return pick.map(clip).join("\n");
}

/** Drops Node's "where it threw" block: a location line, the source line(s), the caret. */
function withoutSourceExcerpts(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (LOCATION.test(lines[i]!)) {
      const caret = lines.slice(i + 1, i + 4).findIndex((l) => CARET.test(l));
      if (caret >= 0) {
        i += caret + 1;
        continue;
      }
    }
    out.push(lines[i]!);
  }
  return out;
}

/**
 * For output shown live (run, the app): passes stderr through as it comes
 * until a crash report starts, holds the report back, and gives its gist
 * at the end.
 */
export class CrashFilter {
  private held = "";
  private partial = "";
  constructor(private readonly verbose = false) {}

  /** Text to show now. */
  push(chunk: string): string {
    if (this.verbose) return chunk;
    if (this.held) {
      this.held += chunk;
      return "";
    }
    const text = this.partial + chunk;
    const lines = text.split("\n");
    this.partial = lines.pop()!;
    // A bare "path:line" line is how Node starts the report; programs hardly print one.
    const start = lines.findIndex((l) => FRAME.test(l) || ERROR_LINE.test(l) || LOCATION.test(l));
    if (start < 0) return lines.length ? `${lines.join("\n")}\n` : "";
    this.held = `${lines.slice(start).join("\n")}\n${this.partial}`;
    this.partial = "";
    return start > 0 ? `${lines.slice(0, start).join("\n")}\n` : "";
  }

  /** The rest: the gist of a held crash report, or the last unterminated line. */
  end(): string {
    if (this.held) return `${errorGist(this.held)}\n`;
    const rest = this.partial;
    this.partial = "";
    return rest;
  }
}

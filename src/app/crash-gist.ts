// The one place the run pane sums up a crash: its message, not its stack.
// h-life's src/lesson/error-gist.ts (errorGist) replaces the body when it lands.
export function crashGist(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "" && !/^\s+at /.test(l) && !/^Node\.js v/.test(l));
  const main = lines.findIndex((l) => /(^|\s)(\w*Error|ERROR)\b|error:/.test(l));
  const pick = main >= 0 ? lines.slice(main, main + 2) : lines.slice(-2);
  return pick.map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l)).join(" — ");
}

// The run pane sums up a crash on one line (it shows it in its status row).

/** A gist's lines joined into one. */
export function oneLine(gist: string): string {
  return gist.split("\n").filter((l) => l.trim() !== "").join(" — ");
}

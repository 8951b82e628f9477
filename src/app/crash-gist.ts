// The one place the run pane sums up a crash: its message, not its stack,
// on one line (the pane shows it in its status row).
import { errorGist } from "../lesson/error-gist.ts";

export function crashGist(stderr: string): string {
  return errorGist(stderr).split("\n").filter((l) => l.trim() !== "").join(" — ");
}

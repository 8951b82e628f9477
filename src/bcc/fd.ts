// Closing an fd that may already be closed (cleanup runs from several paths).
import fs from "node:fs";

export function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already closed
  }
}

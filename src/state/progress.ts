// The one owner of the learner's progress (as rustlings' app_state): done
// lessons, current lesson, hints used, language, workspace. One JSON file
// in the XDG state folder, validated on load, written atomically (temp
// file + fsync + rename), updated under a lock with a fresh read, so two
// app instances never lose each other's changes or corrupt the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

export const PROGRESS_VERSION = 1;

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  /** Ids of lessons passed (exercises) or completed (examples, reading). */
  done: z.array(z.string()),
  current: z.string().nullable(),
  hintsUsed: z.record(z.string(), z.number().int().nonnegative()),
  /** Solutions the learner asked to see before passing. */
  solutionsSeen: z.array(z.string()).default([]),
  lang: z.enum(["en", "ja"]).nullable(),
  workspace: z.string().nullable(),
  /** Which lesson set the progress was made with (for import of older files). */
  lessonSet: z.string().default("1"),
});
export type Progress = z.infer<typeof progressSchema>;

export const emptyProgress = (): Progress => ({
  version: PROGRESS_VERSION, done: [], current: null, hintsUsed: {}, solutionsSeen: [], lang: null, workspace: null, lessonSet: "1",
});

export function stateDir(): string {
  if (process.env.BCC_TUTOR_STATE_DIR) return path.resolve(process.env.BCC_TUTOR_STATE_DIR);
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  return path.join(base, "bcc-tutor");
}

export interface LoadResult {
  progress: Progress;
  /** Set when the file was unreadable and moved aside: what happened, for the learner. */
  recovered?: { movedTo?: string; reason: string };
}

/** Salvages the valid parts of a damaged progress object. */
export function salvage(raw: unknown): Progress {
  const p = emptyProgress();
  if (!raw || typeof raw !== "object") return p;
  const r = raw as Record<string, unknown>;
  if (Array.isArray(r.done)) p.done = r.done.filter((x): x is string => typeof x === "string");
  if (typeof r.current === "string") p.current = r.current;
  if (r.hintsUsed && typeof r.hintsUsed === "object") {
    for (const [k, v] of Object.entries(r.hintsUsed)) if (Number.isInteger(v) && (v as number) >= 0) p.hintsUsed[k] = v as number;
  }
  if (Array.isArray(r.solutionsSeen)) p.solutionsSeen = r.solutionsSeen.filter((x): x is string => typeof x === "string");
  if (r.lang === "en" || r.lang === "ja") p.lang = r.lang;
  if (typeof r.workspace === "string") p.workspace = r.workspace;
  return p;
}

export class ProgressStore {
  readonly file: string;
  private lockFile: string;
  progress: Progress;
  /** The last save's failure, for the UI to show (the in-memory state stays). */
  lastError: string | undefined;

  constructor(dir = stateDir()) {
    this.file = path.join(dir, "progress.json");
    this.lockFile = `${this.file}.lock`;
    this.progress = emptyProgress();
  }

  load(): LoadResult {
    const r = this.read();
    this.progress = r.progress;
    return r;
  }

  private read(): LoadResult {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return { progress: emptyProgress() };
      return { progress: emptyProgress(), recovered: { reason: `cannot read ${this.file} (${code}); starting fresh for this session, the file is left as it is` } };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.moveAside(undefined, "it is not valid JSON (empty or cut short)");
    }
    const parsed = progressSchema.safeParse(raw);
    if (parsed.success) return { progress: parsed.data };
    const issue = parsed.error.issues[0];
    return this.moveAside(raw, `${issue?.path.join(".") || "(file)"}: ${issue?.message ?? "invalid"}`);
  }

  private moveAside(raw: unknown, why: string): LoadResult {
    const to = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    try {
      fs.renameSync(this.file, to);
      return { progress: salvage(raw), recovered: { movedTo: to, reason: why } };
    } catch {
      return { progress: salvage(raw), recovered: { reason: `${why}; it could not be moved aside (read-only?)` } };
    }
  }

  /**
   * Applies change to the freshest state on disk (another instance may have
   * saved since we loaded) and saves. Returns false when saving failed; the
   * change is kept in memory and lastError says why.
   */
  update(change: (p: Progress) => void): boolean {
    const unlock = this.lock();
    try {
      let base = this.progress;
      if (fs.existsSync(this.file)) {
        const fresh = this.read();
        if (!fresh.recovered) base = fresh.progress;
      }
      change(base);
      this.progress = base;
      try {
        this.write(base);
        this.lastError = undefined;
        return true;
      } catch (err) {
        this.lastError = `progress not saved to ${this.file}: ${(err as Error).message}`;
        return false;
      }
    } finally {
      unlock();
    }
  }

  private write(p: Progress): void {
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(p, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.renameSync(tmp, this.file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    // The rename itself must reach the disk for the new state to survive a crash.
    try {
      const dfd = fs.openSync(dir, "r");
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
    } catch {
      // some file systems refuse fsync on directories
    }
  }

  /** A lock file with our pid; a stale one (dead pid, or older than 10 s) is taken over. */
  private lock(): () => void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
    } catch {
      return () => {}; // cannot even create the folder: write() will report it
    }
    const deadline = Date.now() + 2000;
    for (;;) {
      try {
        fs.writeFileSync(this.lockFile, String(process.pid), { flag: "wx" });
        return () => fs.rmSync(this.lockFile, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") return () => {};
        if (this.lockIsStale() || Date.now() > deadline) {
          fs.rmSync(this.lockFile, { force: true });
          continue;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
  }

  private lockIsStale(): boolean {
    try {
      const pid = Number(fs.readFileSync(this.lockFile, "utf8"));
      if (Date.now() - fs.statSync(this.lockFile).mtimeMs > 10_000) return true;
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "ESRCH" || (err as NodeJS.ErrnoException).code === "ENOENT";
    }
  }
}

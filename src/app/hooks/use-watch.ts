// Watch mode: re-check the learner's file when it is saved. Watches the
// folder (editors often replace the file rather than write it), debounces,
// and polls the file's mtime as a back-up: when polling sees a save the
// watcher missed, the file system does not deliver events, and manual mode
// is suggested. Both report to the controller, which owns the state.
import fs from "node:fs";
import path from "node:path";
import { useEffect, useRef } from "react";

const DEBOUNCE_MS = 300;
const POLL_MS = 1500;

export function useWatch(file: string | undefined, enabled: boolean, onChange: () => void, onManual: () => void): void {
  const cb = useRef(onChange);
  cb.current = onChange;
  const manual = useRef(onManual);
  manual.current = onManual;
  const setManual = (_: true) => manual.current();
  useEffect(() => {
    if (!enabled || !file) return;
    const dir = path.dirname(file);
    const base = path.basename(file);
    let timer: NodeJS.Timeout | undefined;
    let lastEvent = 0;
    let lastMtime = mtime(file);
    const fireSoon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        lastMtime = mtime(file);
        cb.current();
      }, DEBOUNCE_MS);
    };
    let watcher: fs.FSWatcher | undefined;
    try {
      watcher = fs.watch(dir, (_event, name) => {
        if (name === null || name.toString() === base) {
          lastEvent = Date.now();
          fireSoon();
        }
      });
      watcher.on("error", () => setManual(true));
    } catch {
      setManual(true);
    }
    const poll = setInterval(() => {
      const m = mtime(file);
      if (m !== lastMtime) {
        lastMtime = m;
        if (Date.now() - lastEvent > POLL_MS) {
          setManual(true);
          fireSoon();
        }
      }
    }, POLL_MS);
    return () => {
      watcher?.close();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
    };
  }, [file, enabled]);
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

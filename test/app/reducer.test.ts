// The app's state changes, without Ink, root or timers: the reducer is pure,
// the keymap is one table, and a burst of keys is split into keys in order.
import { describe, expect, it } from "vitest";
import { reducer } from "../../src/app/state/reducer.ts";
import { initialState, type Action, type AppState } from "../../src/app/state/app-state.ts";
import { KEYMAP, candidates, complete, contexts, findCommand, helpEntries, lookup } from "../../src/app/state/keymap.ts";
import { keyNames } from "../../src/app/state/keys.ts";
import type { CheckOutcome } from "../../src/lesson/check-lesson.ts";

const s0 = initialState({ lang: "en" });
const apply = (s: AppState, ...as: Action[]) => as.reduce(reducer, s);
const outcome = (status: CheckOutcome["status"]): CheckOutcome => ({ lesson: "sys_sync", file: "/w/02.ts", variant: "portable", status, durationMs: 1 });

describe("reducer", () => {
  it("never mutates the state it is given", () => {
    const frozen = Object.freeze({ ...s0, run: Object.freeze({ ...s0.run }) }) as AppState;
    const next = apply(frozen, { type: "open", index: 3 }, { type: "tab/next" }, { type: "run/start", which: "mine", file: "/w/x.ts" });
    expect(frozen.screen).toBe("list");
    expect(next).not.toBe(frozen);
  });

  it("opens a lesson on its prose, clearing what the previous one left", () => {
    const dirty = apply(s0, { type: "open", index: 1 }, { type: "tab", tab: "check" }, { type: "check/done", outcome: outcome("passed") }, { type: "watch", on: true }, { type: "scroll", delta: 5, max: 10 });
    expect(dirty.showAnswer).toBe(true);
    const s = reducer(dirty, { type: "open", index: 4 });
    expect(s).toMatchObject({ screen: "lesson", selected: 4, tab: "prose", scroll: 0, showAnswer: false, watch: false, check: { status: "idle" } });
  });

  it("cycles the tabs and resets the scroll", () => {
    let s = apply(s0, { type: "open", index: 0 }, { type: "scroll", delta: 3, max: 9 });
    expect(s.scroll).toBe(3);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      s = reducer(s, { type: "tab/next" });
      seen.push(s.tab);
      expect(s.scroll).toBe(0);
    }
    expect(seen).toEqual(["code", "run", "check", "prose"]);
  });

  it("clamps scrolling to the content", () => {
    const s = apply(s0, { type: "scroll", delta: 50, max: 7 });
    expect(s.scroll).toBe(7);
    expect(reducer(s, { type: "scroll", delta: -100, max: 7 }).scroll).toBe(0);
  });

  it("a passed check lets the answer be shown; a failed one does not", () => {
    const failed = apply(s0, { type: "check/start", file: "/w/02.ts" }, { type: "check/done", outcome: outcome("failed") });
    expect(failed.tab).toBe("check");
    expect(failed.showAnswer).toBe(false);
    expect(reducer(failed, { type: "check/done", outcome: outcome("passed") }).showAnswer).toBe(true);
  });

  it("follows a run's phases, and records how it ended", () => {
    const s = apply(s0, { type: "run/start", which: "reference", file: "/a.ts" }, { type: "run/phase", phase: "compiling" }, { type: "run/phase", phase: "ready" }, { type: "run/done", exit: "exit code 0" });
    expect(s.tab).toBe("run");
    expect(s.run).toEqual({ phase: "done", which: "reference", file: "/a.ts", exit: "exit code 0", error: undefined });
  });

  it("returns the same state for an action that changes nothing (no needless redraw)", () => {
    const s = apply(s0, { type: "message", text: "hi" });
    expect(reducer(s, { type: "message", text: "hi" })).toBe(s);
    expect(reducer(s, { type: "tab", tab: "prose" })).toBe(s);
  });

  it("cycles the list filter", () => {
    expect(apply(s0, { type: "filter/next" }).filter).toBe("pending");
    expect(apply(s0, { type: "filter/next" }, { type: "filter/next" }, { type: "filter/next" }).filter).toBe("all");
  });
});

describe("keymap", () => {
  it("declares each key once per context", () => {
    for (const where of ["list", "lesson", "run", "any"] as const) {
      const keys = KEYMAP.filter((b) => b.where === where).flatMap((b) => b.keys);
      expect(new Set(keys).size, where).toBe(keys.length);
    }
  });

  it("looks keys up from the most specific context: c checks in a lesson, continues in the list; t fires only in the run pane", () => {
    expect(lookup("c", contexts("lesson", "prose"))?.intent).toBe("check");
    expect(lookup("c", contexts("list", "prose"))?.intent).toBe("continue");
    expect(lookup("t", contexts("lesson", "run"))?.intent).toBe("fire");
    expect(lookup("t", contexts("lesson", "prose"))).toBeUndefined();
    expect(lookup("r", contexts("lesson", "run"))?.intent).toBe("run");
  });

  it("commands and keys share the table: :run is r's intent; prefixes and completion", () => {
    expect(findCommand("run")?.intent).toBe(lookup("r", contexts("lesson", "prose"))?.intent);
    expect(findCommand("les")?.intent).toBe("lesson");
    expect(findCommand("re")).toBeUndefined(); // reset, reference
    expect(complete("la")).toBe("lang ");
    expect(complete("re")).toBe("re");
    expect(candidates("l")).toEqual(expect.arrayContaining(["lesson N", "lang en|ja", "list"]));
  });

  it("the help line lists the keys of the screen from the same table", () => {
    const list = helpEntries(contexts("list", "prose")).map((e) => e.keys);
    expect(list).toEqual(expect.arrayContaining(["↑↓", "Enter", "c", "f", "q", "l", ":"]));
    const run = helpEntries(contexts("lesson", "run")).map((e) => e.keys);
    expect(run.slice(0, 3)).toEqual(["t", "s", "d"]);
  });
});

describe("keys of a burst", () => {
  it("splits a pasted line into keys, Enter included, in order", () => {
    expect(keyNames(":lang en\r:lesson 4\r:run\r", {})).toEqual([..."", ":", ..."lang en", "enter", ":", ..."lesson 4", "enter", ":", ..."run", "enter"]);
  });
  it("names special keys", () => {
    expect(keyNames("", { downArrow: true })).toEqual(["down"]);
    expect(keyNames("\r", { return: true })).toEqual(["enter"]);
    expect(keyNames("c", { ctrl: true })).toEqual(["ctrl-c"]);
    expect(keyNames("ab\x7f", {})).toEqual(["a", "b", "backspace"]);
  });
});

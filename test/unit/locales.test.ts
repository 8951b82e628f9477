// The tutorial's text: both languages complete, placeholders alike, every
// lesson's prose and hints present, code named in the prose real, and the
// Markdown fitting an 80-column terminal.
import fs from "node:fs";
import path from "node:path";
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../locales/en/ui.ts";
import { ja } from "../../locales/ja/ui.ts";
import * as binding from "../../src/index.ts";
import { loadLessons, lessonStem } from "../../src/lesson/registry.ts";
import { selfCheck } from "../../src/lesson/self-check.ts";
import { lessonTextPath, localesDir } from "../../src/lesson/text.ts";
import { lessonStringsSchema } from "../../src/lesson/text-schema.ts";
import { renderMarkdown } from "../../src/app/markdown.ts";
import { lineText } from "../../src/app/text-layout.ts";
import type { Lesson } from "../../src/lesson/schema.ts";
import { projectRoot } from "../helpers/fixtures.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

let lessons: Lesson[];
beforeAll(async () => {
  lessons = (await loadLessons()).lessons;
});

describe("UI catalogs", () => {
  it("have the same keys in English and Japanese", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });
  it("have the same placeholders in both languages, key by key", () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it("have no empty message", () => {
    for (const [k, v] of [...Object.entries(en), ...Object.entries(ja)]) expect(v.trim(), k).not.toBe("");
  });
});

describe("lesson text", () => {
  it("passes the content self-check (bcc-tutor dev check)", async () => {
    expect(await selfCheck()).toEqual([]);
  });

  it("has the same files in both languages", () => {
    const list = (lang: string) => fs.readdirSync(path.join(localesDir, lang, "lessons")).sort();
    expect(list("ja")).toEqual(list("en"));
  });

  it("has the same hints, checks and placeholders in both languages", () => {
    for (const l of lessons) {
      if (!fs.existsSync(lessonTextPath(l, "en", "json")) || !fs.existsSync(lessonTextPath(l, "ja", "json"))) continue; // the self-check reports it
      const [e, j] = (["en", "ja"] as const).map((lang) => lessonStringsSchema.parse(JSON.parse(fs.readFileSync(lessonTextPath(l, lang, "json"), "utf8"))));
      expect(j!.hints.length, l.id).toBe(e!.hints.length);
      expect(Object.keys(j!.checks).sort(), l.id).toEqual(Object.keys(e!.checks).sort());
      e!.hints.forEach((h, i) => expect(placeholders(j!.hints[i]!), `${l.id} hint ${i + 1}`).toEqual(placeholders(h)));
    }
  });

  it("names only code that exists in the binding or the lesson's own answer", () => {
    const api = new Set<string>(Object.keys(binding));
    for (const v of Object.values(binding)) {
      if (typeof v !== "function") continue;
      for (const k of Object.getOwnPropertyNames(v)) api.add(k);
      let proto = v.prototype;
      while (proto && proto !== Object.prototype) {
        for (const k of Object.getOwnPropertyNames(proto)) api.add(k);
        proto = Object.getPrototypeOf(proto);
      }
    }
    const problems: string[] = [];
    for (const l of lessons) {
      const code = [l.answer, ...l.cFiles].filter((f): f is string => !!f).map((f) => fs.readFileSync(path.join(projectRoot, f), "utf8")).concat(Object.values(l.c)).join("\n");
      for (const lang of ["en", "ja"] as const) {
        if (!fs.existsSync(lessonTextPath(l, lang, "md"))) continue; // the self-check reports it
        const md = fs.readFileSync(lessonTextPath(l, lang, "md"), "utf8");
        for (const m of md.matchAll(/`([^`\n]+)`/g)) {
          // camelCase method names as the learner calls them: openPerfBuffer, b.printLog2Hist(...)
          for (const id of m[1]!.matchAll(/(?:^|[.\s(])([a-z]+[A-Z][A-Za-z0-9]*)(?=\s*\(|$|[^A-Za-z0-9])/g)) {
            const name = id[1]!;
            if (!api.has(name) && !code.includes(name)) problems.push(`${lessonStem(l)} (${lang}): \`${name}\` is neither in the binding nor in the answer`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("renders in an 80-column terminal without overflowing, in both languages", () => {
    for (const l of lessons) {
      for (const lang of ["en", "ja"] as const) {
        if (!fs.existsSync(lessonTextPath(l, lang, "md"))) continue; // the self-check reports it
        const lines = renderMarkdown(fs.readFileSync(lessonTextPath(l, lang, "md"), "utf8"), 80);
        const wide = lines.map(lineText).filter((t) => stringWidth(t) > 80 && !t.startsWith("  ")); // code blocks may scroll
        expect(wide, `${lessonStem(l)} ${lang}`).toEqual([]);
      }
    }
  });
});

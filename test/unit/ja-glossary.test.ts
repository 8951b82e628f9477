// Every Japanese text uses the glossary's one term per concept
// (locales/ja/glossary.json): lessons, walk-throughs, hints and the UI.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ja } from "../../locales/ja/ui.ts";

const root = path.resolve(import.meta.dirname, "../..");
const glossary = JSON.parse(fs.readFileSync(path.join(root, "locales/ja/glossary.json"), "utf8")) as {
  terms: Array<{ concept: string; ja: string; avoid: string[]; allow?: string[] }>;
};

/** What a reader sees as prose: code blocks, code spans and placeholders removed. */
export function proseOf(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "").replace(/\{\w+\}/g, "");
}

function texts(): Array<{ where: string; text: string }> {
  const dir = path.join(root, "locales/ja/lessons");
  const out = fs.readdirSync(dir).filter((f) => /\.(md|json)$/.test(f)).map((f) => ({ where: `locales/ja/lessons/${f}`, text: fs.readFileSync(path.join(dir, f), "utf8") }));
  for (const [k, v] of Object.entries(ja)) out.push({ where: `locales/ja/ui.ts ${k}`, text: v });
  return out;
}

export function offences(text: string): string[] {
  const prose = proseOf(text);
  const found: string[] = [];
  for (const term of glossary.terms) {
    let t = prose;
    for (const a of term.allow ?? []) t = t.replace(new RegExp(a, "gi"), "");
    for (const bad of term.avoid) {
      for (const m of t.matchAll(new RegExp(bad, "gi"))) {
        const at = m.index!;
        found.push(`"${m[0]}" (use ${term.ja}) in …${t.slice(Math.max(0, at - 15), at + m[0].length + 15).replace(/\n/g, " ")}…`);
      }
    }
  }
  return found;
}

describe("Japanese glossary", () => {
  it("fixes one term per concept, and avoids none of its own terms", () => {
    for (const term of glossary.terms) expect(offences(term.ja), term.concept).toEqual([]);
  });

  it("flags the other spellings it lists", () => {
    expect(offences("回答例を見る")).toHaveLength(1);
    expect(offences("original バリアントで動く")).not.toHaveLength(0);
    expect(offences("`TRACEPOINT_PROBE` と `--variant portable`")).toEqual([]);
  });

  for (const { where, text } of texts()) {
    it(`${where} uses the glossary's terms`, () => {
      expect(offences(text)).toEqual([]);
    });
  }
});

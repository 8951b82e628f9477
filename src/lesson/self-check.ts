// The lesson set's content self-check (`bcc-tutor dev check`, as rustlings
// has): every lesson complete in every language, before a learner finds out.
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.ts";
import { LANGS } from "../i18n/index.ts";
import { loadLessons, lessonStem } from "./registry.ts";
import { lessonTextPath } from "./text.ts";
import { lessonStringsSchema } from "./text-schema.ts";

export interface Finding {
  lesson: string;
  problem: string;
}

export async function selfCheck(): Promise<Finding[]> {
  const { lessons, problems } = await loadLessons();
  const out: Finding[] = problems.map((p) => ({ lesson: p.id ?? p.file, problem: `${p.field}: ${p.message}` }));
  const seen = new Map<string, string>();
  for (const l of lessons) {
    const stem = lessonStem(l);
    const add = (problem: string) => out.push({ lesson: stem, problem });
    for (const [key, what] of [[l.id, "id"], [String(l.number), "number"]] as const) {
      if (seen.has(`${what}:${key}`)) add(`${what} ${key} is also used by ${seen.get(`${what}:${key}`)}`);
      seen.set(`${what}:${key}`, stem);
    }
    const exists = (rel: string, what: string) => {
      if (!fs.existsSync(path.join(packageRoot, rel))) add(`${what} ${rel} does not exist`);
    };
    if (l.answer) {
      exists(l.answer, "answer");
      if (!l.answer.includes(stem)) add(`answer ${l.answer} should be named answers/${stem}.ts`);
    }
    for (const c of l.cFiles) exists(c, "C file");
    if (l.exercise) {
      exists(l.exercise.starter, "starter");
      const starter = path.join(packageRoot, l.exercise.starter);
      if (fs.existsSync(starter) && !/\bTODO\b/.test(fs.readFileSync(starter, "utf8"))) add(`starter ${l.exercise.starter} has no TODO marker`);
    }
    for (const lang of LANGS) {
      const md = lessonTextPath(l, lang, "md");
      const json = lessonTextPath(l, lang, "json");
      if (!fs.existsSync(md)) add(`${lang}: prose ${path.relative(packageRoot, md)} is missing`);
      if (!fs.existsSync(json)) {
        add(`${lang}: strings ${path.relative(packageRoot, json)} are missing`);
        continue;
      }
      const parsed = lessonStringsSchema.safeParse(safeJson(fs.readFileSync(json, "utf8")));
      if (!parsed.success) {
        add(`${lang}: ${path.relative(packageRoot, json)}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        continue;
      }
      const s = parsed.data;
      const want = l.exercise?.hints ?? 0;
      if (s.hints.length !== want) add(`${lang}: ${want} hint(s) declared, ${s.hints.length} written`);
      for (const c of l.exercise?.sourceChecks ?? []) if (!s.checks[c.id]) add(`${lang}: no reason for source check "${c.id}" (checks.${c.id})`);
      if (fs.existsSync(md)) {
        const title = /^#\s+(.*)$/m.exec(fs.readFileSync(md, "utf8"))?.[1]?.trim();
        if (title !== s.title) add(`${lang}: the prose's title "${title ?? ""}" differs from the strings' title "${s.title}"`);
      }
    }
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

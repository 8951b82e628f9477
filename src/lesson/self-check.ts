// The lesson set's content self-check (`bcc-tutor dev check`, as rustlings
// has): every lesson complete in every language, before a learner finds out.
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../paths.ts";
import { LANGS } from "../i18n/index.ts";
import { loadLessons, lessonStem } from "./registry.ts";
import type { Lesson } from "./schema.ts";
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
    for (const problem of cProblems(l)) add(problem);
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
  for (const f of strayAnswerCFiles()) out.push({ lesson: f, problem: `${f}: a lesson's C lives in lessons/, beside its module, not in answers/` });
  return out;
}

/** Marks of BPF C: an answer holding one carries C that belongs in its lesson. */
const C_MARKS = /\b(?:bpf_trace_printk|bpf_ktime_get_ns|bpf_get_current_\w+|bpf_log2l|bpf_probe_read\w*|BPF_(?:HASH|ARRAY|HISTOGRAM|PERF_OUTPUT|RINGBUF_OUTPUT|PERCPU_\w+|STACK_TRACE)|TRACEPOINT_PROBE|RAW_TRACEPOINT_PROBE)\s*\(|#include\s*</;

/** Code without comments: answers may name the C they use in prose. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

/** The first mark of BPF C in a TypeScript file's code (comments aside), if any. */
export function bpfCMark(ts: string): string | undefined {
  return C_MARKS.exec(withoutComments(ts))?.[0].replace(/\s+/g, "");
}

/** Each variant's C is in the lesson, once; the answer loads it from there. */
function cProblems(l: Lesson): string[] {
  const out: string[] = [];
  if (l.answer) {
    const file = path.join(packageRoot, l.answer);
    if (fs.existsSync(file)) {
      const answer = fs.readFileSync(file, "utf8");
      const mark = bpfCMark(answer);
      if (mark) out.push(`answer ${l.answer} holds BPF C (${mark}): the C belongs in the lesson module's c, and the answer loads it from there`);
      if (l.variants.length > 0 && !/from\s+["']\.\.\/lessons\/\d\d-[a-z0-9_]+\.ts["']/.test(answer)) {
        out.push(`answer ${l.answer} does not import its lesson module (../lessons/${lessonStem(l)}.ts) to load its C`);
      }
    }
  }
  for (const rel of l.cFiles) {
    const file = path.join(packageRoot, rel);
    if (!fs.existsSync(file)) continue; // reported as missing
    const text = fs.readFileSync(file, "utf8");
    if (!Object.values(l.c).includes(text)) out.push(`C file ${rel} is not what the lesson's c holds: read it at module load (import.meta.url)`);
  }
  return out;
}

/** C files left in answers/: each lesson's C lives in lessons/ (the self-check reports them). */
export function strayAnswerCFiles(): string[] {
  const dir = path.join(packageRoot, "answers");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".c")).map((f) => `answers/${f}`) : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

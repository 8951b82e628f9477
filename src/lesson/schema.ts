// A lesson, declared as data (as rustlings' info.toml): what it runs, how
// the runner makes its probe fire, what its output must look like, and for
// exercises the starter file and the checks. Validated with zod at load.
import { z } from "zod";
import { isKnownCapability } from "../bcc/capabilities.ts";

const capability = z.string().refine(isKnownCapability, { message: "unknown capability (see KNOWN_CAPABILITIES in src/bcc/capabilities.ts)" });

export const variantSchema = z.object({
  name: z.enum(["original", "portable"]),
  /** What it attaches to, in words for the learner: "kprobe __x64_sys_sync". */
  probe: z.string().min(1),
  /** Capabilities the kernel must have for this variant to run. */
  needs: z.array(capability),
});

/** A step of the workload that makes the probe fire. Commands are argv arrays: never a shell. */
export const triggerStepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exec"), argv: z.array(z.string()).min(1), times: z.number().int().positive().default(1), gapMs: z.number().int().nonnegative().default(0) }),
  z.object({ kind: z.literal("sleep"), ms: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("disk-io"), bytes: z.array(z.number().int().positive()).min(1) }),
  z.object({ kind: z.literal("http-get"), paths: z.array(z.string().startsWith("/")).min(1), port: z.union([z.number().int(), z.literal("fixture")]) }),
  z.object({ kind: z.literal("getrandom"), bytes: z.number().int().positive(), times: z.number().int().positive().default(1) }),
]);
export type TriggerStep = z.infer<typeof triggerStepSchema>;

export const lineCheckSchema = z.object({
  /** Regular expression source a matching output line must match. */
  pattern: z.string().min(1),
  /** An example line, shown to the learner when too few lines matched. */
  example: z.string().min(1),
  min: z.number().int().nonnegative().default(1),
});

export const expectationSchema = z.object({
  /** Lines that must appear (in order) before any matching line. */
  header: z.array(z.string()).default([]),
  lines: z.array(lineCheckSchema).default([]),
  /** Named extra checks, implemented in src/lesson/predicates.ts. */
  predicates: z.array(z.string()).default([]),
  /** The program must exit 0 after the stop signal (the Ctrl-C lessons). */
  cleanExit: z.boolean().default(false),
});

export const sourceCheckSchema = z.object({
  /** Names the reason shown when it fails: "checks.<id>" in the lesson's strings (locales/<lang>/lessons/<NN-id>.json). */
  id: z.string().regex(/^[a-z0-9_-]+$/),
  /** Regex source that must (must: true) or must not (must: false) match the learner's file (comments stripped). */
  pattern: z.string().min(1),
  must: z.boolean(),
});

export const lessonSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    number: z.number().int().min(1).max(99),
    kind: z.enum(["example", "exercise", "reading"]),
    /** Reference answer (TypeScript), relative to the project root. */
    answer: z.string().regex(/^answers\/\d\d-[a-z0-9_]+\.ts$/).optional(),
    /**
     * Each variant's C program, held once, here: written inline in the lesson
     * module, or read at module load from a .c file beside it (see cFiles).
     * The answer, the checker's reference probe and the app all use this text.
     */
    c: z.object({ original: z.string().min(1).optional(), portable: z.string().min(1).optional() }).strict().default({}),
    /** The .c files in lessons/ that c was read from (lessons 11, 16, 18), for the app to show by name. */
    cFiles: z.array(z.string().regex(/^lessons\/\d\d-[a-z0-9_-]+\.c$/)).default([]),
    variants: z.array(variantSchema).default([]),
    /** Arguments after the program; "{fixturePid}" is replaced by the fixture's pid. */
    args: z.array(z.string()).default([]),
    /** A helper process the lesson traces (lesson 15's USDT server). */
    fixture: z.enum(["usdt-http-server"]).optional(),
    trigger: z.array(triggerStepSchema).default([]),
    /** Wait after the trigger before stopping, so the last output arrives. */
    settleMs: z.number().int().nonnegative().default(500),
    stop: z.enum(["SIGINT", "exit"]).default("SIGINT"),
    timeoutMs: z.number().int().positive().default(30_000),
    expect: expectationSchema.default({ header: [], lines: [], predicates: [], cleanExit: false }),
    exercise: z
      .object({
        starter: z.string().regex(/^lessons\/starters\/.+\.ts$/),
        sourceChecks: z.array(sourceCheckSchema).default([]),
        /** Number of hint levels: "hints" in the lesson's strings has this many. */
        hints: z.number().int().min(1).max(5),
      })
      .optional(),
  })
  .superRefine((l, ctx) => {
    if (l.kind === "exercise" && !l.exercise) ctx.addIssue({ code: "custom", path: ["exercise"], message: "an exercise needs a starter, source checks and hints" });
    if (l.kind !== "reading" && !l.answer) ctx.addIssue({ code: "custom", path: ["answer"], message: "examples and exercises need a reference answer" });
    if (l.kind !== "reading" && l.variants.length === 0) ctx.addIssue({ code: "custom", path: ["variants"], message: "declare at least one variant" });
    for (const v of l.variants) {
      if (!l.c[v.name]) ctx.addIssue({ code: "custom", path: ["c", v.name], message: `variant ${v.name} has no C program (c.${v.name})` });
    }
    for (const name of Object.keys(l.c) as Array<keyof typeof l.c>) {
      if (!l.variants.some((v) => v.name === name)) ctx.addIssue({ code: "custom", path: ["c", name], message: `C for ${name}, a variant the lesson does not declare` });
    }
  });

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;

/**
 * Identity with types, for lesson modules: `export default defineLesson({...})`.
 * It keeps the literal's own type, so that an answer importing the module
 * reads `lesson.c.portable` as a string.
 */
export function defineLesson<T extends LessonInput>(l: T): T {
  return l;
}

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
  /**
   * Why kernels lack what it needs, when they do, in words with versions:
   * tests and the verified table name it instead of a bare "cannot attach".
   */
  gone: z.string().min(1).optional(),
});

/** [min, max], both included. */
const range = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).refine(([a, b]) => a <= b, { message: "range [min, max] with min <= max" });

/** A step of the workload that makes the probe fire. Commands are argv arrays: never a shell. */
export const triggerStepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exec"), argv: z.array(z.string()).min(1), times: z.number().int().positive().default(1), gapMs: z.number().int().nonnegative().default(0) }),
  z.object({ kind: z.literal("sleep"), ms: z.number().int().nonnegative() }),
  z.object({ kind: z.literal("disk-io"), bytes: z.array(z.number().int().positive()).min(1) }),
  z.object({ kind: z.literal("http-get"), paths: z.array(z.string().startsWith("/")).min(1), port: z.union([z.number().int(), z.literal("fixture")]) }),
  z.object({ kind: z.literal("getrandom"), bytes: z.number().int().positive(), times: z.number().int().positive().default(1) }),
  /**
   * Runs `sync` a random number of times (seeded per run, so hard-coded
   * output fails), with quick gaps (< 1 s) and, when slow is set, a few slow
   * ones (> 1 s) so "count every sync" differs from "count the quick ones".
   */
  z.object({
    kind: z.literal("syncs"),
    count: range,
    quickGapMs: range.default([80, 250]),
    slow: range.default([0, 0]),
    slowGapMs: range.default([1150, 1300]),
  }),
]);
export type TriggerStep = z.infer<typeof triggerStepSchema>;

export const lineCheckSchema = z.object({
  /** Regular expression source a matching output line must match. */
  pattern: z.string().min(1),
  /** An example line, shown to the learner when too few lines matched. */
  example: z.string().min(1),
  min: z.number().int().nonnegative().default(1),
});


/** The fixed expectation ids (contract section 6): graders and --json rely on them. */
export const EXPECTATION_IDS = ["runs", "attach", "helpers", "banner", "lines-match-workload", "values", "histogram", "latency", "map-contents", "clean-exit", "output-size", "trigger"] as const;
export type ExpectationId = (typeof EXPECTATION_IDS)[number];
const expectationId = z.enum(EXPECTATION_IDS);

/**
 * What the learner's program must DO, judged from what the checker measured
 * (its own counter probe, the workload's record, the child's report of
 * attaches, helpers and maps), never from the source's spelling.
 */
export const judgeSchema = z.object({
  /** Any one of these attach points is right: "tracepoint:syscalls:sys_enter_sync", "kprobe:/sys_sync$/" (slashes: a regex on the target). */
  attach: z.array(z.string().regex(/^[a-z_]+:.+$/)).default([]),
  /** Each group needs one of its attach points (lessons with two probes: issue and completion). */
  attachAll: z.array(z.array(z.string().regex(/^[a-z_]+:.+$/)).min(1)).default([]),
  /**
   * Compared with the lesson's reference answer, run at the same time on the
   * same workload: histogram (total within 10%, buckets within two log2
   * steps) or latency (the LAT column non-zero and of the same order).
   */
  reference: z.enum(["histogram", "latency"]).optional(),
  /** BPF helpers: each inner list needs one of its helpers called; none: never called by any program. */
  helpers: z.object({ anyOf: z.array(z.array(z.string())).default([]), none: z.array(z.string()).default([]) }).optional(),
  /**
   * The events the output must show, in the workload's truth:
   * each-sync: one line per sync; quick-syncs: one line per sync less than
   * 1 s after the one before, with that gap; quick-syncs-count: the same,
   * each with the number of syncs so far.
   */
  events: z.enum(["each-sync", "quick-syncs", "quick-syncs-count"]).optional(),
  /** An event line: a regex; named groups delta (ms) and count are compared with the truth. */
  line: z.string().min(1).optional(),
  /** An example event line, shown when lines do not match. */
  example: z.string().min(1).optional(),
  /**
   * Rows name the process that issued each request (a COMM/PID/T table),
   * checked against the workload's dd PIDs: per operation, at least `min`
   * rows and three quarters of the requests the workload made. The issuer
   * must be read where it runs: a program attached at one of `readAt` asks
   * for the current task (a fast device completes some requests while the
   * issuer is still on the CPU, so the rows alone cannot always tell).
   */
  issuer: z.object({ min: z.number().int().positive(), readAt: z.array(z.string().regex(/^[a-z_]+:.+$/)).min(1) }).optional(),
  /** A map's contents at the end: sync-total: some entry holds the number of syncs seen. */
  mapContents: z.enum(["sync-total"]).optional(),
  /** The hint (1-based) that helps when an expectation fails. */
  hints: z.record(z.string().refine((k) => (EXPECTATION_IDS as readonly string[]).includes(k), { message: "an expectation id" }), z.number().int().min(1)).default({}),
});
export type Judge = z.infer<typeof judgeSchema>;

export const expectationSchema = z.object({
  /** Lines that must appear (in order) before any matching line. */
  header: z.array(z.string()).default([]),
  lines: z.array(lineCheckSchema).default([]),
  /** Named extra checks, implemented in src/lesson/predicates.ts. */
  predicates: z.array(z.string()).default([]),
  /** The program must exit 0 after the stop signal (the Ctrl-C lessons). */
  cleanExit: z.boolean().default(false),
  /** Behaviour judged from measurements (exercises). */
  judge: judgeSchema.optional(),
});

export const sourceCheckSchema = z.object({
  /** Names the reason shown when it fails: "checks.<id>" in the lesson's strings (locales/<lang>/lessons/<NN-id>.json). */
  id: z.string().regex(/^[a-z0-9_-]+$/),
  /** Regex source that must (must: true) or must not (must: false) match the learner's file (comments stripped). */
  pattern: z.string().min(1),
  must: z.boolean(),
  /** The expectation it stands for (a source regex is the last resort: only where nothing measured can tell). */
  as: expectationId.default("helpers"),
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
    /**
     * After the trigger, wait for evidence before stopping: the checker's
     * counter has seen the workload's events and the output has been quiet
     * for quietMs; never longer than maxMs (both scaled by BCC_TUTOR_TIME_SCALE).
     */
    settle: z.object({ quietMs: z.number().int().nonnegative().default(300), maxMs: z.number().int().positive().default(3000) }).default({ quietMs: 300, maxMs: 3000 }),
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

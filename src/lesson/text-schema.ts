// The schema of a lesson's strings file (locales/<lang>/lessons/NN-id.json).
import { z } from "zod";

export const lessonStringsSchema = z.object({
  title: z.string().min(1),
  hints: z.array(z.string().min(1)),
  /** Reasons for failed source checks, by check id. */
  checks: z.record(z.string(), z.string().min(1)),
});
export type LessonStrings = z.infer<typeof lessonStringsSchema>;

// Which variant of a lesson a program runs: the tutor's runner decides and
// says so through BCC_TUTOR_VARIANT. Kept apart from variant.ts (which
// speaks the learner's language) so a learner's program loads no catalog.
import { hasCapability, type Capability } from "../bcc/capabilities.ts";

export type VariantName = "original" | "portable";

/**
 * Run by hand, the original runs when the kernel has what it needs
 * (kprobes, unless told otherwise), else the portable one.
 *
 *   const variant = lessonVariant();            // kprobe lessons
 *   const variant = lessonVariant(["tracepoint:random:urandom_read"]);
 */
export function lessonVariant(originalNeeds: Capability[] = ["kprobe"]): VariantName {
  const forced = process.env.BCC_TUTOR_VARIANT;
  if (forced === "original" || forced === "portable") return forced;
  return originalNeeds.every(hasCapability) ? "original" : "portable";
}

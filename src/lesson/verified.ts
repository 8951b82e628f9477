// Which kernels each lesson variant is proven on, by which test. Every CI
// run re-proves both: test/live/lessons.test.ts on the build machines'
// kernel, test/kernel-matrix/kprobe-lessons.test.ts in Debian's 6.1 kernel
// under qemu (kprobes, kretprobes).
import type { Lesson } from "./schema.ts";
import type { VariantName } from "./lesson-variant.ts";

export const KERNELS = {
  host: "6.18 (build machines, no kprobes)",
  guest: "Debian 12 6.1 (qemu guest, kprobes)",
} as const;

export function verifiedOn(lesson: Lesson, variant: VariantName): string[] {
  const v = lesson.variants.find((x) => x.name === variant);
  if (!v) return [];
  const needsKprobe = v.needs.includes("kprobe");
  // Tracepoints removed before 6.1 (random:urandom_read) run on neither kernel.
  const removed = v.needs.includes("tracepoint:random:urandom_read");
  if (removed) return [];
  return needsKprobe ? [KERNELS.guest] : [KERNELS.host];
}

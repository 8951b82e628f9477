// Picks the variant of a lesson the running kernel can run, and says why.
import { hasCapability } from "../bcc/capabilities.ts";
import type { VariantName } from "./lesson-variant.ts";
export { lessonVariant, type VariantName } from "./lesson-variant.ts";
import { t } from "../i18n/index.ts";
import type { Lesson } from "./schema.ts";

export interface VariantChoice {
  variant: VariantName;
  probe: string;
  reason: string;
  /** Capabilities the original needs that this kernel lacks. */
  missing: string[];
}

export function runnable(lesson: Lesson, name: VariantName): boolean {
  const v = lesson.variants.find((x) => x.name === name);
  return v !== undefined && v.needs.every(hasCapability);
}

export function chooseVariant(lesson: Lesson, forced?: VariantName): VariantChoice {
  const original = lesson.variants.find((v) => v.name === "original") ?? lesson.variants[0];
  const portable = lesson.variants.find((v) => v.name === "portable");
  if (!original) return { variant: "portable", probe: "", reason: "", missing: [] };
  const missing = original.needs.filter((c) => !hasCapability(c));
  if (forced) {
    const v = lesson.variants.find((x) => x.name === forced);
    if (!v) throw new Error(t("variant.none", { lesson: lesson.id, variant: forced }));
    return { variant: forced, probe: v.probe, reason: t("variant.forced", { variant: forced }), missing };
  }
  if (missing.length === 0 || !portable) {
    return { variant: original.name, probe: original.probe, reason: t(portable ? "variant.originalRuns" : "variant.only"), missing };
  }
  return { variant: "portable", probe: portable.probe, reason: t("variant.portableRuns", { missing: missing.join(", "), probe: original.probe }), missing };
}

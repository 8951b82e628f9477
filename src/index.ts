// The bcc-tutor package: `import { BPF } from "bcc-tutor"`. The binding
// (src/bcc, a library of its own) plus what lessons use from the tutor.
import { useMergedHeaders } from "./kernel-source.ts";

// Before any compile: a learner's program finds the headers set-up merged.
useMergedHeaders();

export * from "./bcc/index.ts";
export { lessonVariant } from "./lesson/lesson-variant.ts";
export type { VariantName } from "./lesson/lesson-variant.ts";

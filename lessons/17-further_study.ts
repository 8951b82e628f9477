import { defineLesson } from "../src/lesson/schema.ts";

// A reading page: no program, no check. Completing it is reading it.
export default defineLesson({
  id: "further_study",
  number: 17,
  kind: "reading",
});

import { defineLesson } from "../src/lesson/schema.ts";

// printf(1) calls strlen() once per "%s" argument: 1000 arguments are 1000
// known calls on a string no other program uses.
const MARKER = "bcc-tutor-strlen";

export default defineLesson({
  id: "strlen_count",
  number: 14,
  kind: "example",
  answer: "answers/14-strlen_count.ts",
  variants: [{ name: "original", probe: "uprobe libc strlen (its IFUNC implementation)", needs: ["uprobe"] }],
  trigger: [
    { kind: "exec", argv: ["/usr/bin/printf", "%s\\n", ...Array<string>(1000).fill(MARKER)] },
    { kind: "exec", argv: ["/bin/ls", "/usr/bin"] },
    { kind: "exec", argv: ["/usr/bin/env"] },
    { kind: "exec", argv: ["/bin/sh", "-c", ":"], times: 3 },
  ],
  expect: {
    header: ["Tracing strlen()... Hit Ctrl-C to end.", "COUNT STRING"],
    lines: [
      { pattern: '^ *\\d+ ".*"$', example: '        12 "LC_ALL"', min: 3 },
      { pattern: `^ *[1-9]\\d{3,} "${MARKER}"$`, example: `      1000 "${MARKER}"`, min: 1 },
    ],
    cleanExit: true,
  },
});

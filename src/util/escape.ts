// The tutor escapes kernel and traced-process text as the binding does.
export { escapeTerminal } from "../bcc/escape.ts";

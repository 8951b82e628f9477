// Loaded with `node --import` for programs the runner starts: resolves the
// bare specifier "bcc-tutor" to this project's binding wherever the
// learner's file lives (a workspace outside the project has no
// package.json that names it).
import { register } from "node:module";

register(new URL("./self-import-hooks.mjs", import.meta.url));

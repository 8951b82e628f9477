import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { defineLesson } from "../src/lesson/schema.ts";

/** The lesson's C program, in its own file beside this module (the answer compiles it with srcFile). */
export const cFile = fileURLToPath(new URL("./18-http_filter.c", import.meta.url));
const text = fs.readFileSync(cFile, "utf8");

export default defineLesson({
  id: "http_filter",
  number: 18,
  kind: "example",
  answer: "answers/18-http_filter.ts",
  cFiles: ["lessons/18-http_filter.c"],
  c: { original: text },
  variants: [{ name: "original", probe: "socket filter on a raw socket (lo by default, -i IFACE)", needs: ["socket_filter"] }],
  // The HTTP traffic to filter: requests to lesson 15's loopback server.
  fixture: "usdt-http-server",
  trigger: [{ kind: "http-get", paths: ["/index.html", "/images/welcome.png", "/about?lang=ja"], port: "fixture" }],
  expect: {
    header: ["binding socket to 'lo'"],
    lines: [
      { pattern: "^GET /index\\.html HTTP/1\\.1$", example: "GET /index.html HTTP/1.1", min: 1 },
      { pattern: "^GET /\\S* HTTP/1\\.1$", example: "GET /images/welcome.png HTTP/1.1", min: 3 },
      { pattern: "^HTTP/1\\.1 \\d{3} ", example: "HTTP/1.1 200 OK", min: 3 },
    ],
  },
});

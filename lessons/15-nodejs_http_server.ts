import { defineLesson } from "../src/lesson/schema.ts";

const text = `
#include <uapi/linux/ptrace.h>

int do_trace(struct pt_regs *ctx) {
    uint64_t addr;
    char path[128] = {0};
    // argument 6 of http__server__request is the URL: a pointer into the
    // server's memory, which we copy (as a string) onto the BPF stack
    bpf_usdt_readarg(6, ctx, &addr);
    bpf_probe_read_user_str(&path, sizeof(path), (void *)addr);
    bpf_trace_printk("path:%s\\n", path);
    return 0;
}
`;

export default defineLesson({
  id: "nodejs_http_server",
  number: 15,
  kind: "example",
  answer: "answers/15-nodejs_http_server.ts",
  c: { original: text },
  variants: [{ name: "original", probe: "USDT node:http__server__request (usdt-http-server, built by setup)", needs: ["usdt"] }],
  // The project's loopback server with Node's old USDT probe; its pid is the program's argument.
  fixture: "usdt-http-server",
  args: ["{fixturePid}"],
  trigger: [{ kind: "http-get", paths: ["/index.html", "/images/welcome.png", "/images/favicon.png"], port: "fixture" }],
  expect: {
    header: ["TIME(s)            COMM             PID    ARGS"],
    lines: [
      {
        pattern: "^\\d+\\.\\d{9} +\\S.* +\\d+ +path:/index\\.html$",
        example: "24653324.561322998 usdt-http-serve  24728  path:/index.html",
        min: 1,
      },
      { pattern: " path:/images/(welcome|favicon)\\.png$", example: "24653335.343401998 usdt-http-serve  24728  path:/images/welcome.png", min: 2 },
    ],
  },
});

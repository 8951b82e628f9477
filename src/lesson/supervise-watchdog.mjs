// The watchdog of one supervised program: a tiny process (plain JS, no
// loader, so it starts fast) in a session of its own, holding a lifeline
// pipe from the tutor on stdin. The tutor can die in any way, kill -9
// included; the kernel then closes the pipe, and this process ends what the
// tutor started (the program and every descendant: its cgroup, else its
// process group), removes the cgroup, and exits. The tutor ends it the same
// way on a normal finish, by closing the pipe.
//
// argv: "cgroup" <dir> | "group". The tutor writes "pid <n>\n" once the
// program has started.
import fs from "node:fs";

const [mode, dir] = process.argv.slice(2);
let pid = 0;
let ending = false;

// Ctrl-C at the terminal, or a kill of the tutor's group, must not stop the watch: only the pipe counts.
for (const s of ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]) process.on(s, () => {});

const procs = () => {
  try {
    return fs.readFileSync(`${dir}/cgroup.procs`, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

function signalAll(sig) {
  if (mode === "cgroup") {
    if (sig === "SIGKILL") {
      try {
        fs.writeFileSync(`${dir}/cgroup.kill`, "1");
        return;
      } catch {
        // before 5.14: one by one below
      }
    }
    for (const p of procs()) try { process.kill(p, sig); } catch { /* gone */ }
  } else if (pid > 0) {
    try { process.kill(-pid, sig); } catch { /* gone */ }
  }
}

const alive = () => (mode === "cgroup" ? procs().length > 0 : pid > 0 && groupAlive());
function groupAlive() {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function end() {
  if (ending) return;
  ending = true;
  // SIGTERM first: the binding closes its probes itself (tracefs events on old kernels); then no more waiting.
  signalAll("SIGTERM");
  for (let i = 0; i < 10 && alive(); i++) await sleep(50);
  for (let i = 0; i < 40 && alive(); i++) {
    signalAll("SIGKILL");
    await sleep(25);
  }
  if (mode === "cgroup") {
    for (let i = 0; i < 40; i++) {
      try {
        fs.rmdirSync(dir);
        break;
      } catch {
        await sleep(25); // the last process is still being reaped
      }
    }
  }
  process.exit(0);
}

let buf = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => {
  buf += d;
  const m = /pid (\d+)\n/.exec(buf);
  if (m) pid = Number(m[1]);
});
process.stdin.on("end", end);
process.stdin.on("close", end);
process.stdin.on("error", end);

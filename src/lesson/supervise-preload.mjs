// Loaded first (`node --import`) in every program the runner starts, before
// the learner's code and any probe. The runner starts node through
// `setpriv --pdeathsig TERM`, so the kernel sends SIGTERM to the program
// when the tutor dies, however it dies (the watchdog follows up with SIGKILL
// for a program that ignores it). (Not koffi's prctl here: koffi's stack
// size can only be configured before its first load, which the binding does.)
// PDEATHSIG is not inherited by the program's own children: the cgroup or
// process group the watchdog kills covers those.
import fs from "node:fs";

const parent = Number(process.env.BCC_TUTOR_PARENT_PID);
const cgroup = process.env.BCC_TUTOR_CGROUP;
delete process.env.BCC_TUTOR_PARENT_PID;
delete process.env.BCC_TUTOR_CGROUP;

// The tutor may have died before prctl ran: then nobody would send the signal.
if (parent && process.ppid !== parent) process.kill(process.pid, "SIGKILL");
// The runner moves the program into its cgroup right after spawning; doing it here too closes the race before any child is forked.
if (cgroup) {
  try {
    fs.writeFileSync(`${cgroup}/cgroup.procs`, "0");
  } catch {
    // already in it, or not allowed: the process group still holds it
  }
}

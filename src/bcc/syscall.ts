// Syscall entry points have arch prefixes since 4.17 (sys_clone became
// __x64_sys_clone). Detect the prefix the way bcc does: the first one under
// which the kernel has a "bpf" syscall symbol.
import { ksymname } from "./symbols.ts";

const PREFIXES = ["sys_", "__x64_sys_", "__x32_compat_sys_", "__ia32_compat_sys_", "__arm64_sys_", "__s390x_sys_", "__s390_sys_", "__riscv_sys_"];

let prefix: string | undefined;

export function syscallPrefix(): string {
  prefix ??= PREFIXES.find((p) => ksymname(`${p}bpf`) !== -1n) ?? "sys_";
  return prefix;
}

/** "clone" → "__x64_sys_clone" on x86-64. */
export function getSyscallFnname(name: string): string {
  return syscallPrefix() + name;
}

/** Swaps any known syscall prefix for this kernel's ("sys_sync" → "__x64_sys_sync"). */
export function fixSyscallFnname(name: string): string {
  for (const p of PREFIXES) {
    if (name.startsWith(p)) return getSyscallFnname(name.slice(p.length));
  }
  return name;
}

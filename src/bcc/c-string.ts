// A C string behind a raw pointer, as a JS string. koffi.decode(ptr, "char",
// -1) grows malloc's heap by ~18 bytes a call (koffi 3.3.4, measured); going
// through a pointer slot decoded as "const char *" does not.
import koffi from "koffi";

let slot: unknown;

export function cString(ptr: unknown): string {
  slot ??= koffi.alloc("void *", 1);
  koffi.encode(slot, "void *", ptr);
  return koffi.decode(slot, "const char *") as string;
}

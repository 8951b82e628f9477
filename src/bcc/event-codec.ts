// The codec for a perf or ring buffer's events: built from the fields of
// the struct bcc saw passed to perf_submit / ringbuf_output / ringbuf_submit.
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { compileEventCodec } from "./event-fields.ts";
import type { Codec } from "./type-desc.ts";

function eventFields(mod: unknown, table: string): string[] {
  const n = lib.bpf_perf_event_fields(mod, table) as number;
  const fields: string[] = [];
  for (let i = 0; i < n; i++) fields.push(lib.bpf_perf_event_field(mod, table, i) as string);
  return fields;
}

export function eventCodecOf(mod: unknown, table: string, submitCall: string): Codec {
  const fields = eventFields(mod, table);
  if (fields.length === 0) {
    throw new BccError(`table ${table}: bcc saw no struct passed to ${table}.${submitCall}(), so events cannot be decoded; read the raw bytes (the callback's last argument)`);
  }
  return compileEventCodec(fields);
}

/**
 * The codec for opening a buffer, or null when bcc saw no struct (a bare
 * u32 submitted, say): then each event arrives as its raw bytes, said once.
 */
export function eventCodecOrRaw(mod: unknown, table: string, submitCall: string): Codec | null {
  const fields = eventFields(mod, table);
  if (fields.length > 0) return compileEventCodec(fields);
  process.emitWarning(`table ${table}: bcc saw no struct passed to ${table}.${submitCall}(), so each event arrives as its raw bytes (a Uint8Array); submit a struct to get decoded fields`, "BccTypeWarning");
  return null;
}

/** An event's bytes, copied out of the ring (which the kernel reuses). */
export function copyOut(view: DataView, offset: number, size: number): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset + offset, size).slice();
}

/** A DataView over data, whichever of the two it is. */
export function asView(data: DataView | Uint8Array): DataView {
  return data instanceof DataView ? data : new DataView(data.buffer, data.byteOffset, data.byteLength);
}

// The codec for a perf or ring buffer's events: built from the fields of
// the struct bcc saw passed to perf_submit / ringbuf_output / ringbuf_submit.
import { lib } from "./clib.ts";
import { BccError } from "./errors.ts";
import { compileEventCodec } from "./event-fields.ts";
import type { Codec } from "./type-desc.ts";

export function eventCodecOf(mod: unknown, table: string, submitCall: string): Codec {
  const n = lib.bpf_perf_event_fields(mod, table) as number;
  const fields: string[] = [];
  for (let i = 0; i < n; i++) fields.push(lib.bpf_perf_event_field(mod, table, i) as string);
  if (fields.length === 0) {
    throw new BccError(`table ${table}: bcc saw no struct passed to ${table}.${submitCall}(), so events cannot be decoded; read the raw bytes (the callback's last argument)`);
  }
  return compileEventCodec(fields);
}

/** A DataView over data, whichever of the two it is. */
export function asView(data: DataView | Uint8Array): DataView {
  return data instanceof DataView ? data : new DataView(data.buffer, data.byteOffset, data.byteLength);
}

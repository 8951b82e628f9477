// Every map of a compiled module, as observers are told of them.
import { lib } from "./clib.ts";
import { mapTypeName, type TableInfo } from "./observe.ts";

export function moduleTables(mod: unknown): TableInfo[] {
  const n = Number(lib.bpf_num_tables(mod));
  const out: TableInfo[] = [];
  for (let id = 0; id < n; id++) {
    const name = lib.bpf_table_name(mod, id) as string | null;
    if (!name) continue;
    out.push({
      name,
      type: mapTypeName(lib.bpf_table_type_id(mod, id) as number),
      key: (lib.bpf_table_key_desc(mod, name) as string | null) ?? "",
      leaf: (lib.bpf_table_leaf_desc(mod, name) as string | null) ?? "",
      maxEntries: Number(lib.bpf_table_max_entries_id(mod, id)),
    });
  }
  return out;
}

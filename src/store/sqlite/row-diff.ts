/**
 * What an update of an existing object must write: the object row only when one of its columns changed, and
 * of its attribute rows only those that differ. Before, every update rewrote the object row (and so every
 * index on it) and deleted and re-inserted every attribute row: the first Get of a key, which only turns
 * Fresh false, rewrote ~18 rows and their index entries.
 *
 * Attribute rows are read back in rowid order, which is the order of the object's attribute list, so the
 * diff keeps that order: rows that stay at the same position with the same name and index are kept or
 * updated in place (same rowid); from the first position where the names or indexes differ (an attribute
 * added, deleted or moved), the old rows are deleted and the new ones inserted, in order.
 */
import type { StoredObject } from '../port';
import type { AttributeRow, ObjectRow } from './rows';

/** An attribute row as read for a diff: its rowid plus the columns that decide equality. */
export interface StoredAttributeRow {
  rid: bigint | number;
  name: string;
  idx: bigint | number;
  type: bigint | number;
  tag: bigint | number;
  value_blob: Buffer;
}

export interface AttributeDiff {
  /** Rows rewritten in place: the new row and the rowid it replaces. */
  update: Array<{ row: AttributeRow; rid: bigint | number }>;
  remove: Array<bigint | number>;
  insert: AttributeRow[];
}

export function diffAttributeRows(old: readonly StoredAttributeRow[], next: readonly AttributeRow[]): AttributeDiff {
  const out: AttributeDiff = { update: [], remove: [], insert: [] };
  const n = Math.min(old.length, next.length);
  let i = 0;
  for (; i < n; i++) {
    const o = old[i];
    const r = next[i];
    if (o.name !== r.name || Number(o.idx) !== r.idx) break;
    if (Number(o.type) === r.type && Number(o.tag) === r.tag && o.value_blob.equals(r.value_blob)) continue;
    out.update.push({ row: r, rid: o.rid });
  }
  for (let k = i; k < old.length; k++) out.remove.push(old[k].rid);
  for (let k = i; k < next.length; k++) out.insert.push(next[k]);
  return out;
}

const sameBytes = (a: Buffer | null | undefined, b: Buffer | null | undefined): boolean => (!a || !b ? !a && !b : a.equals(b));

/** Does the stored object row already hold what `obj` would write? */
export function sameObjectRow(row: ObjectRow, obj: StoredObject): boolean {
  return (
    Number(row.object_type) === obj.objectType &&
    Number(row.state) === obj.state &&
    row.owner === obj.owner &&
    row.tenant === obj.tenant &&
    (row.kek_id ?? null) === (obj.kekId ?? null) &&
    sameBytes(row.body, obj.body) &&
    sameBytes(row.material, obj.material)
  );
}

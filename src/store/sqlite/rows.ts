/**
 * Conversion between StoredObject / Attribute and SQLite rows. Attribute values are stored as binary TTLV
 * (src/ttlv codec) with the top-level tag normalised to Attribute Value, the original tag in its own column.
 */
import { ItemType } from '../../kmip/item-type';
import { decodeTtlv } from '../../ttlv/binary-reader';
import { encodeTtlv } from '../../ttlv/binary-writer';
import type { TtlvItem } from '../../ttlv/item';
import type { Attribute } from '../../attributes/model';
import type { StoredObject } from '../port';
import { StoreError } from '../errors';
import { scalarInt } from '../match';

/** Attribute Value (KMIP 1.x) — the tag every stored value is encoded under. */
export const ATTRIBUTE_VALUE_TAG = 0x42000b;

/** Stored values may be larger than one message's default limit (e.g. long custom byte strings). */
const STORED_VALUE_LIMITS = { maxMessageSize: 64 * 1024 * 1024, maxItems: 1_000_000 };

export interface ObjectRow {
  uid: string;
  object_type: number;
  state: number;
  owner: string;
  tenant: string;
  body: Buffer | null;
  material: Buffer | null;
  kek_id: string | null;
  created_seq: number;
}

export interface AttributeRow {
  uid: string;
  name: string;
  idx: number;
  type: number;
  tag: number;
  value_int: bigint | number | null;
  value_text: string | null;
  value_blob: Buffer;
}

export function encodeValue(value: TtlvItem): Buffer {
  return encodeTtlv({ ...value, tag: ATTRIBUTE_VALUE_TAG } as TtlvItem);
}

/**
 * The indexing rule: scalars index their own value (numbers in value_int, text in value_text, everything else
 * only by value_blob); a Structure indexes its primary text (first direct Text String field: Name Value,
 * Linked Object Identifier, Application Namespace, ...) in value_text and that field's tag in value_int.
 */
export function indexColumns(value: TtlvItem): { int: bigint | null; text: string | null } {
  if (value.type === ItemType.TextString) return { int: null, text: value.value };
  if (value.type === ItemType.Structure) {
    for (const c of value.value) if (c.type === ItemType.TextString) return { int: BigInt(c.tag), text: c.value };
    return { int: null, text: null };
  }
  return { int: scalarInt(value) ?? null, text: null };
}

export function attributeRow(uid: string, a: Attribute): AttributeRow {
  const { int, text } = indexColumns(a.value);
  return {
    uid,
    name: a.name,
    idx: a.index,
    type: a.value.type,
    tag: a.value.tag,
    value_int: int,
    value_text: text,
    value_blob: encodeValue(a.value),
  };
}

export function decodeValue(blob: Buffer, tag: number, uid: string): TtlvItem {
  try {
    const item = decodeTtlv(blob, STORED_VALUE_LIMITS);
    return { ...item, tag } as TtlvItem;
  } catch (e) {
    throw new StoreError('corrupt', `attribute value of ${uid} cannot be decoded`, { cause: e });
  }
}

export function toStoredObject(row: ObjectRow, attrs: Pick<AttributeRow, 'name' | 'idx' | 'tag' | 'value_blob'>[]): StoredObject {
  return {
    uid: row.uid,
    objectType: row.object_type,
    state: row.state,
    owner: row.owner,
    tenant: row.tenant,
    body: row.body,
    material: row.material,
    kekId: row.kek_id,
    attributes: attrs.map((a) => ({ name: a.name, index: a.idx, value: decodeValue(a.value_blob, a.tag, row.uid) })),
  };
}

/**
 * The in-memory TTLV tree shared by every encoding (binary, XML, JSON, pretty hex).
 *
 * Value representation per item type:
 *   Structure            -> TtlvItem[]
 *   Integer, Enumeration,
 *   Interval             -> number (Integer signed 32-bit; Enumeration and Interval unsigned 32-bit)
 *   LongInteger          -> bigint (signed 64-bit)
 *   BigInteger           -> bigint (arbitrary, two's complement on the wire)
 *   DateTime             -> bigint (seconds since the Unix epoch, signed 64-bit)
 *   DateTimeExtended     -> bigint (microseconds since the Unix epoch, signed 64-bit)
 *   Boolean              -> boolean
 *   TextString           -> string (UTF-8 on the wire)
 *   ByteString           -> Buffer
 */
import { ItemType } from '../kmip/item-type';

export type StructureItem = { tag: number; type: typeof ItemType.Structure; value: TtlvItem[] };
export type IntegerItem = { tag: number; type: typeof ItemType.Integer; value: number };
export type EnumerationItem = { tag: number; type: typeof ItemType.Enumeration; value: number };
export type IntervalItem = { tag: number; type: typeof ItemType.Interval; value: number };
export type LongIntegerItem = { tag: number; type: typeof ItemType.LongInteger; value: bigint };
export type BigIntegerItem = { tag: number; type: typeof ItemType.BigInteger; value: bigint };
export type DateTimeItem = { tag: number; type: typeof ItemType.DateTime; value: bigint };
export type DateTimeExtendedItem = { tag: number; type: typeof ItemType.DateTimeExtended; value: bigint };
export type BooleanItem = { tag: number; type: typeof ItemType.Boolean; value: boolean };
export type TextStringItem = { tag: number; type: typeof ItemType.TextString; value: string };
export type ByteStringItem = { tag: number; type: typeof ItemType.ByteString; value: Buffer };

export type TtlvItem =
  | StructureItem
  | IntegerItem
  | EnumerationItem
  | IntervalItem
  | LongIntegerItem
  | BigIntegerItem
  | DateTimeItem
  | DateTimeExtendedItem
  | BooleanItem
  | TextStringItem
  | ByteStringItem;

/** Small constructors so that building trees reads like the spec. */
export const T = {
  struct: (tag: number, value: TtlvItem[]): StructureItem => ({ tag, type: ItemType.Structure, value }),
  int: (tag: number, value: number): IntegerItem => ({ tag, type: ItemType.Integer, value }),
  enum: (tag: number, value: number): EnumerationItem => ({ tag, type: ItemType.Enumeration, value }),
  interval: (tag: number, value: number): IntervalItem => ({ tag, type: ItemType.Interval, value }),
  long: (tag: number, value: bigint): LongIntegerItem => ({ tag, type: ItemType.LongInteger, value }),
  big: (tag: number, value: bigint): BigIntegerItem => ({ tag, type: ItemType.BigInteger, value }),
  date: (tag: number, value: bigint): DateTimeItem => ({ tag, type: ItemType.DateTime, value }),
  dateExt: (tag: number, value: bigint): DateTimeExtendedItem => ({ tag, type: ItemType.DateTimeExtended, value }),
  bool: (tag: number, value: boolean): BooleanItem => ({ tag, type: ItemType.Boolean, value }),
  text: (tag: number, value: string): TextStringItem => ({ tag, type: ItemType.TextString, value }),
  bytes: (tag: number, value: Buffer): ByteStringItem => ({ tag, type: ItemType.ByteString, value }),
};

/** Children helpers for structures (no allocation beyond the result). */
export function child(s: TtlvItem | undefined, tag: number): TtlvItem | undefined {
  if (!s || s.type !== ItemType.Structure) return undefined;
  for (const c of s.value) if (c.tag === tag) return c;
  return undefined;
}

export function children(s: TtlvItem | undefined, tag: number): TtlvItem[] {
  if (!s || s.type !== ItemType.Structure) return [];
  return s.value.filter((c) => c.tag === tag);
}

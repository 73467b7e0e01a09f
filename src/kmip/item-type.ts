/**
 * TTLV item types (KMIP 1.4 §9.1.1.2, KMIP 2.1 §9.1.1.2). Date-Time Extended (0x0B) exists from 2.0.
 */
export const ItemType = {
  Structure: 0x01,
  Integer: 0x02,
  LongInteger: 0x03,
  BigInteger: 0x04,
  Enumeration: 0x05,
  Boolean: 0x06,
  TextString: 0x07,
  ByteString: 0x08,
  DateTime: 0x09,
  Interval: 0x0a,
  DateTimeExtended: 0x0b,
} as const;
export type ItemType = (typeof ItemType)[keyof typeof ItemType];
export type ItemTypeName = keyof typeof ItemType;

export const ITEM_TYPE_NAMES: Readonly<Record<number, ItemTypeName>> = Object.fromEntries(
  Object.entries(ItemType).map(([k, v]) => [v, k as ItemTypeName]),
);

/** Human-readable attribute values for the CLI (enumerations by name, dates as ISO, structures flattened). */
import { ItemType } from '../kmip/item-type';
import { attributeInfo, enumForTag, enumValueName, tagName } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';

function enumName(attrName: string, v: number, tag: number): string {
  const info = attributeInfo(attrName);
  const e = (info?.tag ? enumForTag(info.tag) : undefined) ?? enumForTag(tag);
  return (e && enumValueName(e, v)) ?? `0x${v.toString(16)}`;
}

export function formatValue(attrName: string, item: TtlvItem): string {
  switch (item.type) {
    case ItemType.Structure:
      return item.value.map((c) => `${tagName(c.tag) ?? c.tag.toString(16)}=${formatValue(tagName(c.tag) ?? '', c)}`).join(' ');
    case ItemType.Enumeration:
      return enumName(attrName, item.value, item.tag);
    case ItemType.DateTime:
    case ItemType.DateTimeExtended: {
      const secs = item.type === ItemType.DateTime ? Number(item.value) : Number(item.value / 1_000_000n);
      return new Date(secs * 1000).toISOString();
    }
    case ItemType.ByteString:
      return item.value.toString('hex');
    case ItemType.LongInteger:
    case ItemType.BigInteger:
      return item.value.toString();
    default:
      return String(item.value);
  }
}

export function attributeMap(attrs: Attribute[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of attrs) {
    const v = formatValue(a.name, a.value);
    const prev = out[a.name];
    out[a.name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Small readers of TTLV items shared by the comparator. */
import { ItemType } from '../../src/kmip/item-type';
import { Tag } from '../../src/kmip/tags';
import { child, type TtlvItem } from '../../src/ttlv/item';

export type Primitive = Exclude<TtlvItem, { type: typeof ItemType.Structure }>;

export function typeName(x: TtlvItem): string {
  const n = Object.entries(ItemType).find(([, v]) => v === x.type);
  return n ? n[0] : `type ${x.type}`;
}

export function iso(secs: number): string {
  const d = new Date(secs * 1000);
  return Number.isNaN(d.getTime()) ? String(secs) : d.toISOString().replace('.000Z', 'Z');
}

export function sameValue(e: Primitive, a: Primitive, convert = false): boolean {
  if (e.type !== a.type) {
    if (!convert) return false;
    if (e.type === ItemType.TextString && a.type === ItemType.ByteString) return Buffer.from(e.value, 'utf8').equals(a.value);
    if (e.type === ItemType.ByteString && a.type === ItemType.TextString) return e.value.equals(Buffer.from(a.value, 'utf8'));
    return false;
  }
  if (e.type === ItemType.ByteString) return e.value.equals(a.value as Buffer);
  return e.value === a.value;
}

export function attributeName(x: TtlvItem): string | undefined {
  if (x.tag !== Tag.Attribute) return undefined;
  return textOf(child(x, Tag.AttributeName));
}

export function textOf(x: TtlvItem | undefined): string | undefined {
  return x?.type === ItemType.TextString ? x.value : undefined;
}

export function numOf(x: TtlvItem | undefined): number | undefined {
  return x && (x.type === ItemType.Enumeration || x.type === ItemType.Integer) ? x.value : undefined;
}

export function collect(x: TtlvItem, tag: number, out: string[] = []): string[] {
  if (x.type !== ItemType.Structure) return out;
  for (const c of x.value) {
    if (c.tag === tag && c.type === ItemType.TextString) out.push(c.value);
    collect(c, tag, out);
  }
  return out;
}

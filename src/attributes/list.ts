/**
 * Small pure helpers over an object's attribute list (the internal model). Names compare case-insensitively
 * (clients spell "Operation Policy Name" variously); instances keep dense indexes 0..n-1 per name.
 */
import { ItemType } from '../kmip/item-type';
import { Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import type { Attribute } from './model';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function instances(list: readonly Attribute[], name: string): Attribute[] {
  return list.filter((a) => same(a.name, name)).sort((a, b) => a.index - b.index);
}

export function findAttr(list: readonly Attribute[], name: string, index = 0): Attribute | undefined {
  return list.find((a) => same(a.name, name) && a.index === index);
}

export function hasAttr(list: readonly Attribute[], name: string): boolean {
  return list.some((a) => same(a.name, name));
}

/** Replace every instance of `name` by one instance with this value (index 0). */
export function setSingle(list: Attribute[], name: string, value: TtlvItem): Attribute[] {
  const out = list.filter((a) => !same(a.name, name));
  out.push({ name, index: 0, value: { ...value, tag: Tag.AttributeValue } as TtlvItem });
  return out;
}

/** Append an instance; returns the list and the new attribute (index = number of existing instances). */
export function addInstance(list: Attribute[], name: string, value: TtlvItem): { list: Attribute[]; added: Attribute } {
  const index = instances(list, name).length;
  const added: Attribute = { name, index, value: { ...value, tag: Tag.AttributeValue } as TtlvItem };
  return { list: [...list, added], added };
}

/** Remove one instance (or all when index is undefined) and renumber the rest densely. */
export function removeInstance(list: Attribute[], name: string, index?: number): Attribute[] {
  const keep = list.filter((a) => !(same(a.name, name) && (index === undefined || a.index === index)));
  const rank = new Map(
    keep
      .filter((a) => same(a.name, name))
      .sort((a, b) => a.index - b.index)
      .map((a, i) => [a, i] as const),
  );
  return keep.map((a) => (rank.has(a) ? { ...a, index: rank.get(a) as number } : a));
}

export function removeAll(list: Attribute[], name: string): Attribute[] {
  return list.filter((a) => !same(a.name, name));
}

/** The value of a Date-Time attribute (seconds) or undefined. */
export function dateOf(list: readonly Attribute[], name: string): bigint | undefined {
  const a = findAttr(list, name);
  return a && a.value.type === ItemType.DateTime ? a.value.value : undefined;
}

export function boolOf(list: readonly Attribute[], name: string): boolean | undefined {
  const a = findAttr(list, name);
  return a && a.value.type === ItemType.Boolean ? a.value.value : undefined;
}

export function intOf(list: readonly Attribute[], name: string): number | undefined {
  const a = findAttr(list, name);
  if (!a) return undefined;
  return a.value.type === ItemType.Integer || a.value.type === ItemType.Enumeration || a.value.type === ItemType.Interval
    ? a.value.value
    : undefined;
}

export function dateValue(seconds: bigint): TtlvItem {
  return T.date(Tag.AttributeValue, seconds);
}

export function valuesEqual(a: TtlvItem, b: TtlvItem): boolean {
  if (a.type !== b.type) return false;
  if (a.type === ItemType.Structure) {
    const bv = b.value as TtlvItem[];
    return a.value.length === bv.length && a.value.every((c, i) => c.tag === bv[i].tag && valuesEqual(c, bv[i]));
  }
  if (a.type === ItemType.ByteString) return Buffer.compare(a.value, b.value as Buffer) === 0;
  return a.value === b.value;
}

/** Give every name dense indexes 0..n-1 in list order (after merging attributes from several sources). */
export function renumber(list: Attribute[]): Attribute[] {
  const seen = new Map<string, number>();
  return list.map((a) => {
    const k = a.name.toLowerCase();
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return a.index === n ? a : { ...a, index: n };
  });
}

/**
 * Usage Limits bookkeeping (KMIP 1.4 §3.21): Usage Limits {Total, Count, Unit}. Count is what remains; the
 * server sets it to Total on first use.
 */
import { ItemType } from '../kmip/item-type';
import { Tag } from '../kmip';
import { T, child, type TtlvItem } from '../ttlv/item';
import { findAttr } from '../attributes/list';
import type { StoredObject } from '../store/port';

export function remainingUsage(obj: StoredObject): bigint | undefined {
  const ul = findAttr(obj.attributes, 'Usage Limits');
  if (!ul) return undefined;
  const count = child(ul.value, Tag.UsageLimitsCount);
  if (count?.type === ItemType.LongInteger) return count.value;
  const total = child(ul.value, Tag.UsageLimitsTotal);
  return total?.type === ItemType.LongInteger ? total.value : undefined;
}

/** The Usage Limits value with Count set to `left`. */
export function withRemaining(value: TtlvItem, left: bigint): TtlvItem {
  if (value.type !== ItemType.Structure) return value;
  const rest = value.value.filter((c) => c.tag !== Tag.UsageLimitsCount);
  const unitIdx = rest.findIndex((c) => c.tag === Tag.UsageLimitsUnit);
  const count = T.long(Tag.UsageLimitsCount, left);
  const fields = unitIdx < 0 ? [...rest, count] : [...rest.slice(0, unitIdx), count, ...rest.slice(unitIdx)];
  return { ...value, value: fields };
}

/** A client's Usage Limits with the server's Usage Limits Count set to the Total when absent (1.4 §3.21). */
export function withInitialCount(value: TtlvItem): TtlvItem {
  if (value.type !== ItemType.Structure || child(value, Tag.UsageLimitsCount)) return value;
  const total = child(value, Tag.UsageLimitsTotal);
  return total?.type === ItemType.LongInteger ? withRemaining(value, total.value) : value;
}

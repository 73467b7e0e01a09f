/**
 * Locate matching rules shared by every store adapter, so that the in-memory fake and SQLite agree.
 * Pure functions over TtlvItems; no I/O.
 *
 * Rules (see FilterOp in port.ts):
 *  - the top-level tag of a value is ignored (Attribute Value in 1.x, the attribute's own tag in 2.x);
 *  - scalars are equal when their item type and value are equal (Buffers byte for byte);
 *  - a Structure filter value matches a candidate Structure when every field of the filter has an equal
 *    field (same tag, recursively the same rule) in the candidate: omitted fields match anything (§4.9);
 *  - ge/le compare numbers (as bigint) or text; ge/le on one name apply to one instance (a range);
 *  - mask: (candidate & filter) == filter.
 */
import { ItemType } from '../kmip/item-type';
import type { TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { effectiveShortUid } from '../attributes/short-uid';
import type { AttributeFilter, LocateQuery, StoredObject } from './port';
import { MAX_LOCATE_FILTERS, StoreError } from './errors';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** The value as a signed 64-bit integer when the item is numeric and fits; otherwise undefined. */
export function scalarInt(item: TtlvItem): bigint | undefined {
  switch (item.type) {
    case ItemType.Integer:
    case ItemType.Enumeration:
    case ItemType.Interval:
      return BigInt(item.value);
    case ItemType.LongInteger:
    case ItemType.DateTime:
    case ItemType.DateTimeExtended:
    case ItemType.BigInteger:
      return item.value >= INT64_MIN && item.value <= INT64_MAX ? item.value : undefined;
    case ItemType.Boolean:
      return item.value ? 1n : 0n;
    default:
      return undefined;
  }
}

/**
 * The "primary" text of a value, indexed so that Locate by it is a lookup: a Text String value itself, or
 * for a Structure the first direct Text String field (Name -> Name Value, Link -> Linked Object Identifier,
 * Application Specific Information -> Application Namespace, Object Group ... ).
 */
export function primaryText(item: TtlvItem): string | undefined {
  if (item.type === ItemType.TextString) return item.value;
  if (item.type === ItemType.Structure) {
    for (const c of item.value) if (c.type === ItemType.TextString) return c.value;
  }
  return undefined;
}

/** Scalar equality ignoring the tag; structures compare field by field in order (exact equality). */
export function valueEquals(a: TtlvItem, b: TtlvItem): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case ItemType.Structure: {
      const bv = b.value as TtlvItem[];
      if (a.value.length !== bv.length) return false;
      return a.value.every((c, i) => c.tag === bv[i].tag && valueEquals(c, bv[i]));
    }
    case ItemType.ByteString:
      return a.value.equals(b.value as Buffer);
    default:
      return a.value === b.value;
  }
}

/** Filter equality: exact for scalars, "every filter field is present" for Structures. */
export function valueMatches(candidate: TtlvItem, filter: TtlvItem): boolean {
  if (candidate.type !== filter.type) return false;
  if (filter.type !== ItemType.Structure) return valueEquals(candidate, filter);
  const fields = candidate.value as TtlvItem[];
  return filter.value.every((f) => fields.some((c) => c.tag === f.tag && valueMatches(c, f)));
}

type Comparable = { kind: 'int'; v: bigint; type: number } | { kind: 'text'; v: string };

function comparable(item: TtlvItem): Comparable | undefined {
  if (item.type === ItemType.TextString) return { kind: 'text', v: item.value };
  if (item.type === ItemType.Boolean || item.type === ItemType.Structure) return undefined;
  const v = scalarInt(item);
  return v === undefined ? undefined : { kind: 'int', v, type: item.type };
}

/** A validated Locate query: eq/mask filters individually, ge/le merged into one range per name. */
export interface PlannedFilter {
  name: string;
  kind: 'eq' | 'mask' | 'range';
  value?: TtlvItem;
  /** Range bounds (numeric or text), same item type as the candidate must have. */
  lo?: Comparable;
  hi?: Comparable;
  rangeType?: number;
}

export function planFilters(query: LocateQuery): PlannedFilter[] {
  const filters = query.filters ?? [];
  if (filters.length > MAX_LOCATE_FILTERS) {
    throw new StoreError('bad-query', `too many Locate filters (${filters.length} > ${MAX_LOCATE_FILTERS})`);
  }
  const out: PlannedFilter[] = [];
  const ranges = new Map<string, PlannedFilter>();
  for (const f of filters) out.push(...planOne(f, ranges));
  return out;
}

function planOne(f: AttributeFilter, ranges: Map<string, PlannedFilter>): PlannedFilter[] {
  if (f.op === 'eq') return [{ name: f.name, kind: 'eq', value: f.value }];
  if (f.op === 'mask') {
    if (f.value.type !== ItemType.Integer) throw new StoreError('bad-query', `mask filter on ${f.name} needs an Integer`);
    return [{ name: f.name, kind: 'mask', value: f.value }];
  }
  if (f.op !== 'ge' && f.op !== 'le') throw new StoreError('bad-query', `unknown filter op ${String(f.op)}`);
  const c = comparable(f.value);
  if (!c) throw new StoreError('bad-query', `attribute ${f.name}: ${f.op} needs a numeric, date or text value`);
  const rangeType = f.value.type;
  let r = ranges.get(f.name);
  const fresh = !r;
  if (!r) {
    r = { name: f.name, kind: 'range', rangeType };
    ranges.set(f.name, r);
  } else if (r.rangeType !== rangeType) {
    throw new StoreError('bad-query', `attribute ${f.name}: range bounds of different item types`);
  }
  if (f.op === 'ge') r.lo = tighter(r.lo, c, 'ge');
  else r.hi = tighter(r.hi, c, 'le');
  return fresh ? [r] : [];
}

function tighter(old: Comparable | undefined, c: Comparable, op: 'ge' | 'le'): Comparable {
  if (!old) return c;
  const cmp = compare(c, old);
  return (op === 'ge' ? cmp > 0 : cmp < 0) ? c : old;
}

function compare(a: Comparable, b: Comparable): number {
  if (a.v < b.v) return -1;
  return a.v > b.v ? 1 : 0;
}

/** Does one attribute instance satisfy a planned filter? */
export function instanceMatches(value: TtlvItem, f: PlannedFilter): boolean {
  if (f.kind === 'eq') return valueMatches(value, f.value!);
  if (f.kind === 'mask') {
    if (value.type !== ItemType.Integer) return false;
    const want = (f.value!.value as number) >>> 0;
    return ((value.value >>> 0) & want) >>> 0 === want;
  }
  if (value.type !== f.rangeType) return false;
  const c = comparable(value);
  if (!c) return false;
  if (f.lo && compare(c, f.lo) < 0) return false;
  if (f.hi && compare(c, f.hi) > 0) return false;
  return true;
}

/** Does an object satisfy the query (ignoring offset/maxItems)? Used by the fake and as SQL post-filter. */
export function objectMatches(obj: StoredObject, query: LocateQuery, planned: PlannedFilter[]): boolean {
  if (query.objectTypes && query.objectTypes.length && !query.objectTypes.includes(obj.objectType)) return false;
  if (query.states && query.states.length && !query.states.includes(obj.state)) return false;
  if (query.owner !== undefined && obj.owner !== query.owner && !query.alsoUids?.includes(obj.uid)) return false;
  if (query.tenant !== undefined && obj.tenant !== query.tenant) return false;
  if (query.uids && !query.uids.includes(obj.uid)) return false;
  if (query.shortUid && !effectiveShortUid(obj.uid, obj.attributes)?.equals(query.shortUid)) return false;
  return planned.every((f) => attributesMatch(obj.attributes, f));
}

export function attributesMatch(attrs: Attribute[], f: PlannedFilter): boolean {
  return attrs.some((a) => a.name === f.name && instanceMatches(a.value, f));
}

/** Clamp offset/maxItems into safe non-negative integers. */
export function pageOf(query: LocateQuery): { offset: number; limit: number } {
  const offset = Number.isSafeInteger(query.offset) && query.offset! > 0 ? query.offset! : 0;
  const limit = Number.isSafeInteger(query.maxItems) && query.maxItems! >= 0 ? query.maxItems! : -1;
  return { offset, limit };
}

/** Deep copy of a TTLV value so that callers never share mutable state with a store. */
export function cloneItem(item: TtlvItem): TtlvItem {
  if (item.type === ItemType.Structure) return { ...item, value: item.value.map(cloneItem) };
  if (item.type === ItemType.ByteString) return { ...item, value: Buffer.from(item.value) };
  return { ...item };
}

export function cloneObject(o: StoredObject): StoredObject {
  return {
    uid: o.uid,
    objectType: o.objectType,
    state: o.state,
    attributes: o.attributes.map((a) => ({ name: a.name, index: a.index, value: cloneItem(a.value) })),
    body: o.body ? Buffer.from(o.body) : null,
    material: o.material ? Buffer.from(o.material) : null,
    kekId: o.kekId,
    owner: o.owner,
    tenant: o.tenant,
  };
}

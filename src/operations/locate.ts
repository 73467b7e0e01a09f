/**
 * Locate (KMIP 1.0+): identifiers of the caller's objects that match every attribute given, newest first
 * (as the KMIP 1.4 TC-OFFSET vectors expect), paged by Offset Items / Maximum Items, with Located Items (1.3+)
 * when Offset Items was given.
 *
 * Filters: Object Type and State go to their columns; two values of the same Date-Time attribute form a range
 * (KMIP 1.4 §4.9); Cryptographic Usage Mask matches by bits; structures match on the fields given (Name
 * without Name Type, ...); everything else, custom attributes of any item type included, by equality.
 * Storage Status Mask selects on-line / archived (and, from 2.0, destroyed) objects; default on-line.
 * Object Group Member: fresh members oldest first, or the group's default object (group-members.ts: the
 * server policy, and the reserved group "default"). Attributes may come as 1.x Attribute*, inside a
 * Template-Attribute (FortiGate, VAST) or as a 2.x Attributes structure.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag, State, ObjectGroupMember, StorageStatusMask } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import { decodeAttribute1x, requestAttributes } from '../attributes/convert';
import type { Attribute } from '../attributes/model';
import { SHORT_UID } from '../attributes/short-uid';
import type { LocateQuery } from '../store/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { STORAGE_ARCHIVED, STORAGE_ATTRIBUTE, STORAGE_ONLINE, atLeast, checkPolicy, intValue, enumValue, uidItem } from './common';
import { ALL_STATES } from '../lifecycle';
import { asksForFreshDefaultMember, generateDefaultMember, nextDefaultPosition } from './group-members';

const DESTROYED: number[] = [State.Destroyed, State.DestroyedCompromised];

function isDateLike(item: TtlvItem): boolean {
  return item.type === ItemType.DateTime || item.type === ItemType.DateTimeExtended;
}

function numeric(item: TtlvItem): bigint {
  return BigInt(item.value as number | bigint);
}

/** Turn the request's attributes into store filters and column restrictions, named identifiers included. */
export function buildQuery(attrs: Attribute[]): LocateQuery {
  const q: LocateQuery = { filters: [] };
  const byName = new Map<string, Attribute[]>();
  for (const a of attrs) {
    const list = byName.get(a.name) ?? [];
    list.push(a);
    byName.set(a.name, list);
  }
  for (const [name, list] of byName) {
    if (name === 'Object Type' || name === 'State') {
      const vals = list.map((a) => {
        if (a.value.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, `${name} must be an Enumeration`);
        return a.value.value;
      });
      // Several values of a single-valued attribute cannot all match: intersect.
      const set = [...new Set(vals)];
      const one = set.length === 1 ? set : [];
      if (name === 'Object Type') q.objectTypes = one;
      else q.states = one;
      continue;
    }
    if (name === 'Unique Identifier') {
      // Named objects are looked up by identifier in the store, whatever else the query holds.
      q.uids = [...new Set(list.map((a) => (a.value.type === ItemType.TextString ? a.value.value : '')))];
      continue;
    }
    if (name === SHORT_UID) {
      // Derived, not stored (attributes/short-uid.ts): the store compares it itself. Two different values of
      // this single-valued attribute, or a value that is no Byte String, match nothing: an empty value
      // equals no object's (32 bytes).
      const vals = list.map((a) => (a.value.type === ItemType.ByteString ? a.value.value : Buffer.alloc(0)));
      q.shortUid = vals.every((v) => v.equals(vals[0])) ? vals[0] : Buffer.alloc(0);
      continue;
    }
    if (list.length === 2 && isDateLike(list[0].value) && isDateLike(list[1].value)) {
      const [lo, hi] = numeric(list[0].value) <= numeric(list[1].value) ? [list[0], list[1]] : [list[1], list[0]];
      q.filters.push({ name, op: 'ge', value: lo.value }, { name, op: 'le', value: hi.value });
      continue;
    }
    const op = name === 'Cryptographic Usage Mask' ? 'mask' : 'eq';
    for (const a of list) q.filters.push({ name, op, value: a.value });
  }
  return q;
}

/** 1.x Locate carries Attribute* directly in the payload; some clients wrap them in a Template-Attribute. */
function locateAttributes(payload: TtlvItem): Attribute[] {
  const direct = children(payload, Tag.Attribute).map(decodeAttribute1x);
  return [...direct, ...requestAttributes(payload).attributes];
}

function applyStorageMask(q: LocateQuery, mask: number | undefined, ctx: OperationContext): void {
  const m = mask ?? StorageStatusMask.OnLineStorage;
  const online = (m & StorageStatusMask.OnLineStorage) !== 0;
  const archived = (m & StorageStatusMask.ArchivalStorage) !== 0;
  const destroyed = atLeast(ctx, 2, 0) && (m & StorageStatusMask.DestroyedStorage) !== 0;
  if (online !== archived) {
    q.filters.push({ name: STORAGE_ATTRIBUTE, op: 'eq', value: T.int(Tag.AttributeValue, online ? STORAGE_ONLINE : STORAGE_ARCHIVED) });
  }
  // Destroyed objects are found when asked for: Destroyed Storage (2.x) or an explicit State filter.
  if (q.states === undefined) {
    const live = ALL_STATES.filter((s) => !DESTROYED.includes(s));
    q.states = destroyed ? (online || archived ? [...ALL_STATES] : [...DESTROYED]) : live;
  }
}

export const locate: OperationHandler = {
  operation: Operation.Locate,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Locate');
    const asked = intValue(child(payload, Tag.MaximumItems), 'Maximum Items');
    const offsetGiven = intValue(child(payload, Tag.OffsetItems), 'Offset Items');
    const offset = offsetGiven ?? 0;
    if ((asked !== undefined && asked < 0) || offset < 0) throw new KmipError(ResultReason.InvalidField, 'Maximum/Offset Items must not be negative');
    // The server's internal maximum (KMIP 1.x Locate: "MAY impose an internal maximum limit due to resource
    // limitations"): one answer naming a whole large store would block every other client while it is built.
    const cap = ctx.options.maxLocateItems;
    const max = cap === undefined ? asked : asked === undefined ? cap : Math.min(asked, cap);
    const storage = intValue(child(payload, Tag.StorageStatusMask), 'Storage Status Mask');
    const member = enumValue(child(payload, Tag.ObjectGroupMember), 'Object Group Member');
    const filters = locateAttributes(payload);
    const q = buildQuery(filters);
    const named = q.uids !== undefined;
    // Fresh group members are handed out as a queue, oldest first (server policy, KMIP 1.4 §4.9: a group is
    // a pool of keys prepared in advance and served in the order they were added); the default object of a
    // group rotates over its members, oldest first (group-members.ts).
    const fresh = member === ObjectGroupMember.GroupMemberFresh;
    const rotate = member === ObjectGroupMember.GroupMemberDefault;
    const queue = fresh || rotate;
    if (fresh) q.filters.push({ name: 'Fresh', op: 'eq', value: T.bool(Tag.AttributeValue, true) });
    applyStorageMask(q, storage, ctx);
    q.tenant = ctx.tenant;
    // Only objects the caller may see: its own plus granted ones, both in the store's query (paged in SQL).
    const scope = ctx.authorize?.locateScope();
    if (scope && !scope.all) {
      q.owner = scope.owner;
      if (scope.also.size > 0) q.alsoUids = [...scope.also];
    }
    let uids: string[];
    let total: number | undefined;
    // Located Items answers a paged Locate (Offset Items given), as the KMIP 1.4 TC-OFFSET vectors show;
    // counting costs a second query, so it is done only then.
    const located = offsetGiven !== undefined && atLeast(ctx, 1, 3);
    // A query no index serves walks the store in slices, giving the event loop back between them (locate-walk.ts).
    const walk = { noWritesOfMine: ctx.batchWrote !== true };
    if (rotate) {
      // The one default object: Offset and Maximum Items do not page it (Maximum Items 0 still asks for none).
      const all = named ? ctx.store.locate(q) : undefined;
      total = all ? all.length : ctx.store.countAsync ? await ctx.store.countAsync(q, walk) : ctx.store.count(q);
      const at = max === 0 ? undefined : nextDefaultPosition(ctx, filters, total);
      const page = { ...q, offset: at, maxItems: 1, newestFirst: false };
      uids = at === undefined ? [] : all ? [all[at]] : ctx.store.locateAsync ? await ctx.store.locateAsync(page, walk) : ctx.store.locate(page);
    } else if (named) {
      // A Unique Identifier filter: the named objects that match the rest of the query, looked up by identifier.
      const found = ctx.store.locate(q);
      const matching = queue ? found : found.reverse();
      total = matching.length;
      uids = max === undefined ? matching.slice(offset) : matching.slice(offset, offset + max);
    } else {
      // Queue order is oldest first; otherwise newest first. The store pages in that order.
      const paged = { ...q, offset, maxItems: max, newestFirst: !queue };
      if (located) total = ctx.store.countAsync ? await ctx.store.countAsync(q, walk) : ctx.store.count(q);
      uids = ctx.store.locateAsync ? await ctx.store.locateAsync(paged, walk) : ctx.store.locate(paged);
    }
    if (fresh && uids.length === 0 && offset === 0 && max !== 0 && ctx.options.defaultGroupKeys && asksForFreshDefaultMember(filters)) {
      // No fresh member left in the reserved group "default": one is generated on the fly (group-members.ts).
      const made = await generateDefaultMember(ctx);
      if (made !== undefined) uids = [made];
      total = uids.length;
    }
    const out: TtlvItem[] = [];
    if (located) out.push(T.int(Tag.LocatedItems, total ?? 0));
    out.push(...uids.map(uidItem));
    return { payload: out, idPlaceholder: uids.length > 0 ? uids[0] : undefined };
  },
};

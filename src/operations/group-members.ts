/**
 * Object Group Member in Locate (KMIP 1.1+; 1.4 §4.9, 2.1 §6.1.28). The specification leaves both
 * behaviours to server policy; Tumbler's policy:
 *
 * - **Group Member Fresh**: fresh members of the group, oldest first (locate.ts filters on Fresh). For
 *   the reserved group "default" ("'default' is a reserved Text String for Object Group", 1.4 §3.33),
 *   when no member is fresh the server "MAY choose to generate a new object on-the-fly": it creates an
 *   AES-256 key (Encrypt and Decrypt) in the group for the caller, through Create, so the caller needs
 *   the right to Create and the key is generated in the HSM like any other. `operations.defaultGroupKeys`
 *   turns this off.
 * - **Group Member Default**: "the server locates the default object as defined by server policy". The
 *   default object of a group rotates over its members: each such Locate returns the member after the one
 *   it returned last (oldest first, wrapping around), which spreads a pool of keys over its users. The
 *   position is kept in memory per tenant, caller and query; after a restart it starts at the oldest.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, ObjectType, CryptographicAlgorithm, CryptographicUsageMask, Operation } from '../kmip';
import { T } from '../ttlv/item';
import { encodeAttribute1x } from '../attributes/convert';
import type { Attribute } from '../attributes/model';
import type { ObjectStore } from '../store/port';
import type { OperationContext } from './types';
import { create } from './create';

export const DEFAULT_GROUP = 'default';

/** Positions of the default object, per store (one per server) and per tenant/caller/query. */
const positions = new WeakMap<ObjectStore, Map<string, number>>();
/** Callers × queries remembered per server; the oldest is forgotten past this (it restarts at the oldest member). */
const MAX_POSITIONS = 10_000;

function positionKey(ctx: OperationContext, attrs: Attribute[]): string {
  const query = attrs.map((a) => `${a.name}\u0000${a.value.type}\u0000${String(a.value.value)}`).sort().join('\u0001');
  return `${ctx.tenant}\u0002${ctx.principal}\u0002${query}`;
}

/**
 * The position of the group's default object among `count` members (oldest first), advanced for the next
 * Locate. Undefined when the group has no member.
 */
export function nextDefaultPosition(ctx: OperationContext, attrs: Attribute[], count: number): number | undefined {
  if (count <= 0) return undefined;
  let map = positions.get(ctx.store);
  if (!map) positions.set(ctx.store, (map = new Map()));
  const key = positionKey(ctx, attrs);
  const at = (map.get(key) ?? 0) % count;
  map.delete(key); // re-inserted last: the map's order is least recently used first
  map.set(key, at + 1);
  if (map.size > MAX_POSITIONS) map.delete(map.keys().next().value as string);
  return at;
}

/** The client asked for nothing but a fresh member of the reserved group "default". */
export function asksForFreshDefaultMember(attrs: Attribute[]): boolean {
  return (
    attrs.length === 1 &&
    attrs[0].name === 'Object Group' &&
    attrs[0].value.type === ItemType.TextString &&
    attrs[0].value.value === DEFAULT_GROUP
  );
}

/** Creates a fresh member of "default" for the caller (Create's rules and rights apply); its identifier. */
export async function generateDefaultMember(ctx: OperationContext): Promise<string | undefined> {
  // A caller that may not Create gets no member made for it (an empty Locate, not a refused one).
  if (ctx.authorize && !ctx.authorize.operation(Operation.Create).allow) return undefined;
  const attrs: Attribute[] = [
    { name: 'Cryptographic Algorithm', index: 0, value: T.enum(Tag.AttributeValue, CryptographicAlgorithm.AES) },
    { name: 'Cryptographic Length', index: 0, value: T.int(Tag.AttributeValue, 256) },
    { name: 'Cryptographic Usage Mask', index: 0, value: T.int(Tag.AttributeValue, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt) },
    { name: 'Object Group', index: 0, value: T.text(Tag.AttributeValue, DEFAULT_GROUP) },
  ];
  // A 1.x Template-Attribute: Create reads either encoding whatever the version (attributes/convert.ts).
  const payload = T.struct(Tag.RequestPayload, [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, attrs.map((a) => encodeAttribute1x(a, false))),
  ]);
  const result = await create.handle(payload, { ...ctx, operation: Operation.Create });
  return result.idPlaceholder;
}

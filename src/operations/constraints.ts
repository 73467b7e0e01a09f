/**
 * Constraints (KMIP 2.1 §6.1.52 Set Constraints, §6.1.22 Get Constraints, §7.7): rules the server applies to
 * new managed objects. Each Constraint may name Object Types and Object Groups it applies to and lists
 * Attributes the object must have with those values. The set is kept per tenant in the store's metadata
 * (the encoded Constraints structure), so it survives restarts.
 *
 * Applying them (KMIP leaves the matching rule open; ours): a constraint applies to a new object when its
 * Object Types (if any) include the object's type and its Object Groups (if any) include one of the object's
 * groups. Constraints that matched by group are more specific and, when there are any, are the only ones
 * considered. The object must then satisfy at least one of them (every listed attribute present with an
 * equal value), else the request fails with Constraint Violation.
 */
import { ItemType } from '../kmip/item-type';
import { ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, children, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { decodeTtlv } from '../ttlv/binary-reader';
import { decodeAttributes2x } from '../attributes/convert';
import { instances, valuesEqual } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { OperationContext } from './types';

const metaKey = (tenant: string): string => `constraints:${tenant}`;
/** A bound on what one tenant can make the server check on every new object. */
export const MAX_CONSTRAINTS = 256;

export interface Constraint {
  objectTypes: number[];
  objectGroups: string[];
  attributes: Attribute[];
}

/** Decode and check a Constraints structure (throws Invalid Field on anything malformed). */
export function decodeConstraints(s: TtlvItem): Constraint[] {
  if (s.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Constraints must be a Structure');
  if (s.value.some((c) => c.tag !== Tag.Constraint)) throw new KmipError(ResultReason.InvalidField, 'Constraints holds only Constraint structures');
  if (s.value.length > MAX_CONSTRAINTS) throw new KmipError(ResultReason.InvalidField, `at most ${MAX_CONSTRAINTS} constraints`);
  return s.value.map((c) => {
    if (c.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Constraint must be a Structure');
    const types = child(c, Tag.ObjectTypes);
    const groups = child(c, Tag.ObjectGroups);
    const attrs = child(c, Tag.Attributes);
    const objectTypes = types
      ? children(types, Tag.ObjectType).map((t) => {
          if (t.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, 'Object Type must be an Enumeration');
          return t.value;
        })
      : [];
    const objectGroups = groups
      ? children(groups, Tag.ObjectGroup).map((g) => {
          if (g.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Object Group must be a Text String');
          return g.value;
        })
      : [];
    return { objectTypes, objectGroups, attributes: attrs ? decodeAttributes2x(attrs) : [] };
  });
}

/** The tenant's Constraints structure as set (undefined when none are set). */
export function storedConstraints(ctx: OperationContext): TtlvItem | undefined {
  const hex = ctx.store.getMeta(metaKey(ctx.tenant));
  return hex ? decodeTtlv(Buffer.from(hex, 'hex')) : undefined;
}

/** Replace the tenant's constraints; an absent or empty Constraints clears them. */
export function saveConstraints(ctx: OperationContext, s: TtlvItem | undefined): void {
  ctx.store.setMeta(metaKey(ctx.tenant), s && s.type === ItemType.Structure && s.value.length > 0 ? encodeTtlv(s).toString('hex') : '');
}

function satisfies(c: Constraint, attrs: Attribute[]): boolean {
  return c.attributes.every((want) => instances(attrs, want.name).some((have) => valuesEqual(have.value, want.value)));
}

/** Throw Constraint Violation when a new object of this type with these attributes breaks the constraints. */
export function checkConstraints(ctx: OperationContext, objectType: number, attrs: Attribute[]): void {
  const s = storedConstraints(ctx);
  if (!s) return;
  const groups = instances(attrs, 'Object Group').map((g) => g.value.value);
  const applicable = decodeConstraints(s).filter(
    (c) => (c.objectTypes.length === 0 || c.objectTypes.includes(objectType)) && (c.objectGroups.length === 0 || c.objectGroups.some((g) => groups.includes(g))),
  );
  if (applicable.length === 0) return;
  const byGroup = applicable.filter((c) => c.objectGroups.length > 0);
  const chosen = byGroup.length > 0 ? byGroup : applicable;
  if (!chosen.some((c) => satisfies(c, attrs))) throw new KmipError(ResultReason.ConstraintViolation, 'the new object does not meet the server constraints');
}

/**
 * What Create, Register and Re-key share: the client's attributes (with 1.x Template references resolved),
 * the initial state (transition 1, or Active at once with the activateOnCreate option), and the insert.
 */
import { ObjectType, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import { T } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { decodeAttribute1x, isKnownAttributeName, requestAttributes, type AttributeGroup } from '../attributes/convert';
import { decodeTtlv } from '../ttlv/binary-reader';
import { ItemType } from '../kmip/item-type';
import { dateOf, hasAttr, setSingle, instances, removeAll, renumber } from '../attributes/list';
import { addServerAttributes, withoutServerComputed, type NewObjectFacts } from '../attributes/server-set';
import { initialState, transition } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { WrappedKey } from '../crypto/port';
import type { OperationContext } from './types';
import { DEFAULT_LEASE_SECONDS, STORAGE_ATTRIBUTE, STORAGE_ONLINE, insertObject, newUid, nowSeconds } from './common';
import { isMultiInstance } from './attribute-rules';
import { checkConstraints } from './constraints';
import { withInitialCount } from './usage';
import { protectionStorage, rngFields } from './provider-facts';
import { withRotationDue, withRotationStart } from './rotation';
import { checkQuantumSafe } from './quantum-safe';

/**
 * Attributes of a referenced 1.x Template object (its own bookkeeping attributes excluded). When no Template
 * has that Name, the client meant the new object's Name (some 1.x clients put it there): it becomes one.
 */
function templateAttributes(ctx: OperationContext, nameValue: TtlvItem): Attribute[] {
  const value = { ...nameValue, tag: Tag.AttributeValue } as TtlvItem;
  const uids = ctx.store.locate({
    filters: [{ name: 'Name', op: 'eq', value }],
    objectTypes: [ObjectType.Template],
    tenant: ctx.tenant,
    maxItems: 1,
  });
  const t = uids.length ? ctx.store.get(uids[0]) : undefined;
  if (!t) {
    if (nameValue.type !== ItemType.Structure) throw new KmipError(ResultReason.InvalidField, 'Template-Attribute Name must be a Structure');
    return [{ name: 'Name', index: 0, value }];
  }
  // The template's content is the Attribute list inside the Template object (KMIP 1.x §2.2.6); the attributes
  // the Register gave the Template object itself (its Name, its own x-ID...) describe the template, not keys.
  const content = templateContent(t.body);
  const source = content ?? t.attributes;
  // Name identifies the template itself and is not inherited.
  return withoutServerComputed(source).filter((a) => a.name !== 'Name' && !a.name.startsWith('_') && a.name !== 'Original Creation Date');
}

/** The Attribute* of a stored Template body, or undefined when the body is absent or unreadable. */
function templateContent(body: Buffer | null): Attribute[] | undefined {
  if (!body) return undefined;
  try {
    const item = decodeTtlv(body);
    if (item.type !== ItemType.Structure) return undefined;
    return renumber(item.value.filter((c) => c.tag === Tag.Attribute).map(decodeAttribute1x));
  } catch {
    return undefined;
  }
}

/**
 * The client's attributes for a new object: templates first, then explicit attributes override. Names that
 * are neither standard nor custom attributes (MySQL sends "Storage Status Mask") are ignored.
 */
export function clientAttributes(ctx: OperationContext, payload: TtlvItem, group: AttributeGroup = 'object'): Attribute[] {
  const content = requestAttributes(payload, group);
  // Client values for attributes the server computes are ignored (the server sets them).
  const explicit = withoutServerComputed(content.attributes.filter((a) => isKnownAttributeName(a.name)));
  let attrs: Attribute[] = [];
  for (const n of content.templateNames) attrs.push(...templateAttributes(ctx, n));
  for (const a of explicit) {
    if (instances(explicit, a.name).length === 1 && !isMultiInstance(a.name)) attrs = attrs.filter((x) => x.name !== a.name);
  }
  attrs.push(...explicit);
  return renumber(attrs);
}

export interface NewObjectInput {
  objectType: number;
  attributes: Attribute[];
  body: TtlvItem | null;
  wrapped?: WrappedKey;
  facts: Omit<NewObjectFacts, 'now'>;
}

/** Does our generator have every field the requested RNG Parameters give (omitted fields: any)? */
function rngSatisfies(ours: TtlvItem, asked: TtlvItem): boolean {
  if (ours.type !== ItemType.Structure || asked.type !== ItemType.Structure) return false;
  return asked.value.every((f) => ours.value.some((o) => o.tag === f.tag && o.type === f.type && o.value === f.value));
}

/** Build, apply the lifecycle start and insert a new object. Returns it as stored. */
export function createObject(ctx: OperationContext, input: NewObjectInput, encodeBody: (b: TtlvItem) => Buffer): StoredObject {
  const now = nowSeconds(ctx);
  const uid = newUid(ctx);
  let attrs = renumber(addServerAttributes(input.attributes, { ...input.facts, now }));
  // The Short Unique Identifier (2.0+) is derived from the uid when read, not stored (attributes/short-uid.ts).
  const limits = instances(attrs, 'Usage Limits')[0];
  if (limits) attrs = setSingle(attrs, 'Usage Limits', withInitialCount(limits.value));
  attrs = setSingle(attrs, STORAGE_ATTRIBUTE, T.int(Tag.AttributeValue, STORAGE_ONLINE));
  // Automatic rotation (2.1): generation 0, latest of its set, and the internal due time the sweep looks for.
  attrs = withRotationDue(withRotationStart(attrs));
  if (!hasAttr(attrs, 'Lease Time')) attrs = setSingle(attrs, 'Lease Time', T.interval(Tag.AttributeValue, DEFAULT_LEASE_SECONDS));
  if (input.facts.generated) {
    // The generator behind the provider's key generation, as far as it is known (provider-facts.ts). A client
    // may ask for particular generators; "if the server ... is otherwise unable to use a matching random
    // number generator then it SHALL fail the request" (2.1 §4.46).
    const ours = T.struct(Tag.AttributeValue, rngFields(ctx.crypto.info));
    const asked = instances(attrs, 'Random Number Generator');
    if (asked.length > 0 && !asked.some((a) => rngSatisfies(ours, a.value))) {
      throw new KmipError(ResultReason.FeatureNotSupported, 'none of the requested Random Number Generators is the one this server uses');
    }
    attrs = setSingle(removeAll(attrs, 'Random Number Generator'), 'Random Number Generator', ours);
  }
  // Protection Storage Mask (2.x, "SHALL always have a value"): where the provider protects key material.
  const storage = protectionStorage(ctx.crypto.info);
  if (storage !== undefined) attrs = setSingle(attrs, 'Protection Storage Mask', T.int(Tag.AttributeValue, storage));
  checkConstraints(ctx, input.objectType, attrs); // Set Constraints (2.1); no-op when none are set
  checkQuantumSafe(input.objectType, attrs); // Quantum Safe required by the client (2.0+)
  let state = initialState(dateOf(attrs, 'Activation Date'), now);
  if (ctx.options.activateOnCreate && dateOf(attrs, 'Activation Date') === undefined) {
    const r = transition(state, { kind: 'activate' }, { now });
    if (r.ok) {
      state = r.state;
      for (const [name, value] of Object.entries(r.set)) attrs = setSingle(attrs, name, T.date(Tag.AttributeValue, value as bigint));
    }
  }
  const obj: StoredObject = {
    uid,
    objectType: input.objectType,
    state,
    attributes: attrs,
    body: input.body ? encodeBody(input.body) : null,
    material: input.wrapped ? input.wrapped.wrapped : null,
    kekId: input.wrapped ? input.wrapped.kekId : null,
    owner: ctx.principal,
    tenant: ctx.tenant,
  };
  insertObject(ctx, obj);
  return obj;
}

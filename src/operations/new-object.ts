/**
 * What Create, Register and Re-key share: the client's attributes (with 1.x Template references resolved),
 * the initial state (transition 1, or Active at once with the activateOnCreate option), and the insert.
 */
import { ObjectType, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import { T } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { requestAttributes, type AttributeGroup } from '../attributes/convert';
import { dateOf, setSingle, instances, renumber } from '../attributes/list';
import { addServerAttributes, withoutServerComputed, type NewObjectFacts } from '../attributes/server-set';
import { initialState, transition } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { WrappedKey } from '../crypto/port';
import type { OperationContext } from './types';
import { STORAGE_ATTRIBUTE, STORAGE_ONLINE, insertObject, newUid, nowSeconds } from './common';

/** Attributes of a referenced 1.x Template object (its own bookkeeping attributes excluded). */
function templateAttributes(ctx: OperationContext, nameValue: TtlvItem): Attribute[] {
  const uids = ctx.store.locate({
    filters: [{ name: 'Name', op: 'eq', value: { ...nameValue, tag: Tag.AttributeValue } as TtlvItem }],
    objectTypes: [ObjectType.Template],
    tenant: ctx.tenant,
    maxItems: 1,
  });
  const t = uids.length ? ctx.store.get(uids[0]) : undefined;
  if (!t) throw new KmipError(ResultReason.ItemNotFound, 'the Template named in the Template-Attribute does not exist');
  // Name identifies the template itself and is not inherited.
  return withoutServerComputed(t.attributes).filter((a) => a.name !== 'Name' && !a.name.startsWith('_') && a.name !== 'Original Creation Date');
}

/** The client's attributes for a new object: templates first, then explicit attributes override. */
export function clientAttributes(ctx: OperationContext, payload: TtlvItem, group: AttributeGroup = 'object'): Attribute[] {
  const content = requestAttributes(payload, group);
  let attrs: Attribute[] = [];
  for (const n of content.templateNames) attrs.push(...templateAttributes(ctx, n));
  for (const a of content.attributes) {
    if (instances(content.attributes, a.name).length === 1) attrs = attrs.filter((x) => x.name !== a.name);
  }
  attrs.push(...content.attributes);
  return attrs;
}

export interface NewObjectInput {
  objectType: number;
  attributes: Attribute[];
  body: TtlvItem | null;
  wrapped?: WrappedKey;
  facts: Omit<NewObjectFacts, 'now'>;
}

/** Build, apply the lifecycle start and insert a new object. Returns it as stored. */
export function createObject(ctx: OperationContext, input: NewObjectInput, encodeBody: (b: TtlvItem) => Buffer): StoredObject {
  const now = nowSeconds(ctx);
  let attrs = renumber(addServerAttributes(input.attributes, { ...input.facts, now }));
  attrs = setSingle(attrs, STORAGE_ATTRIBUTE, T.int(Tag.AttributeValue, STORAGE_ONLINE));
  let state = initialState(dateOf(attrs, 'Activation Date'), now);
  if (ctx.options.activateOnCreate && dateOf(attrs, 'Activation Date') === undefined) {
    const r = transition(state, { kind: 'activate' }, { now });
    if (r.ok) {
      state = r.state;
      for (const [name, value] of Object.entries(r.set)) attrs = setSingle(attrs, name, T.date(Tag.AttributeValue, value as bigint));
    }
  }
  const obj: StoredObject = {
    uid: newUid(ctx),
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

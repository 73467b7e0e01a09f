/**
 * Applying a lifecycle event to a stored object: src/lifecycle decides the new state, the date attributes to
 * set and, on refusal, the version's Result Reason. Shared by Activate, Revoke, Destroy and Re-key.
 */
import { Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T } from '../ttlv/item';
import { dateOf, setSingle } from '../attributes/list';
import { transition, violationReason, type LifecycleEvent } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { nowSeconds } from './common';

export function applyEvent(ctx: OperationContext, obj: StoredObject, event: LifecycleEvent): StoredObject {
  const r = transition(obj.state, event, { now: nowSeconds(ctx), initialDate: dateOf(obj.attributes, 'Initial Date') });
  if (!r.ok) throw new KmipError(violationReason(ctx.version), r.message);
  let attrs = obj.attributes;
  for (const [name, value] of Object.entries(r.set)) attrs = setSingle(attrs, name, T.date(Tag.AttributeValue, value as bigint));
  return { ...obj, state: r.state, attributes: attrs };
}

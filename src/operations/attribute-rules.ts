/**
 * Who may add, modify and delete which attribute, read from the specification data (attributes/spec.ts)
 * including the state conditions its rule text states ("Yes, only while in Pre-Active state"); the Result
 * Reason of a lifecycle violation comes from src/lifecycle. Also Name uniqueness (KMIP 2.1 Non Unique Name
 * Attribute, BL-M-8-21).
 */
import { ItemType } from '../kmip/item-type';
import { ResultReason, Tag, ATTRIBUTE_INFO } from '../kmip';
import { KmipError } from '../message/errors';
import type { Attribute } from '../attributes/model';
import { attributeDefinedIn, attributeSpec, isCustomName } from '../attributes/spec';
import { splitCustomName } from '../attributes/convert';
import { stateName, violationReason } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext } from './types';
import { isInternal, reasonFor } from './common';
import { State } from '../kmip';

export type Change = 'add' | 'modify' | 'delete';

function readOnly(ctx: OperationContext, name: string, what: string): KmipError {
  return new KmipError(reasonFor(ctx, ResultReason.AttributeReadOnly, ResultReason.PermissionDenied), `attribute "${name}" ${what}`);
}

/** The raw rule text for a change, from the specification data. */
function ruleText(name: string, change: Change): string | null {
  const info = Object.values(ATTRIBUTE_INFO).find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (!info) return null;
  if (change === 'add') return info.initiallySetBy;
  return change === 'modify' ? info.modifiableByClient : info.deletableByClient;
}

/** "only while in Pre-Active or Active state" -> the states named. */
function statesInRule(text: string): number[] | undefined {
  const m = /only while in (.+?) state/i.exec(text);
  if (!m) return undefined;
  const wanted = m[1].split(/\s*(?:,|\bor\b|\band\b)\s*/i).map((s) => s.replace(/[^a-z]/gi, '').toLowerCase()).filter(Boolean);
  return Object.values(State).filter((s) => wanted.includes(stateName(s).toLowerCase()));
}

/** Throws unless the client may make this change to this attribute of this object. */
export function checkChange(ctx: OperationContext, obj: StoredObject, name: string, change: Change): void {
  if (isInternal(name)) throw new KmipError(ResultReason.InvalidField, `"${name}" is not an attribute`);
  if (isCustomName(name)) {
    // "Yes, for client-created attributes": y- (and other vendors' server) attributes are the server's.
    if (change !== 'add' && splitCustomName(name)[0].toLowerCase() === 'y') throw readOnly(ctx, name, 'is set by the server');
    return;
  }
  const spec = attributeSpec(name);
  if (!spec || !attributeDefinedIn(name, ctx.version)) {
    throw new KmipError(reasonFor(ctx, ResultReason.UnsupportedAttribute, ResultReason.InvalidField), `"${name}" is not an attribute of this protocol version`);
  }
  const text = ruleText(spec.name, change) ?? '';
  const allowed = change === 'add' ? /client/i.test(text) : /^\s*yes/i.test(text);
  if (!allowed) throw readOnly(ctx, spec.name, change === 'add' ? 'is set by the server' : `cannot be ${change === 'modify' ? 'modified' : 'deleted'} by a client`);
  const states = change === 'add' ? undefined : statesInRule(text);
  if (states && !states.includes(obj.state)) {
    throw new KmipError(violationReason(ctx.version), `attribute "${spec.name}" may not be changed in state ${stateName(obj.state)}`);
  }
}

export function isMultiInstance(name: string): boolean {
  if (isCustomName(name)) return true;
  return attributeSpec(name)?.multiInstance ?? false;
}

/** Name values are unique among live objects of the tenant (the object itself included). */
export function checkNameUnique(ctx: OperationContext, attr: Attribute): void {
  if (attr.name !== 'Name') return;
  const nv = attr.value.type === ItemType.Structure ? attr.value.value.find((c) => c.tag === Tag.NameValue) : undefined;
  if (!nv) return;
  const filterValue = { tag: Tag.AttributeValue, type: ItemType.Structure, value: [nv] } as TtlvItem;
  const live = [State.PreActive, State.Active, State.Deactivated, State.Compromised];
  const found = ctx.store.locate({ filters: [{ name: 'Name', op: 'eq', value: filterValue }], states: live, tenant: ctx.tenant, maxItems: 1 });
  if (found.length > 0) {
    throw new KmipError(reasonFor(ctx, ResultReason.NonUniqueNameAttribute, ResultReason.IllegalOperation), 'an object with this Name already exists');
  }
}

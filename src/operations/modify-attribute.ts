/**
 * Modify Attribute (KMIP 1.0+). 1.x names the instance by Attribute Index (0 when omitted, as Synology DSM
 * sends it) and answers with the modified attribute, which DSM requires; 2.x names it by Current Attribute
 * (first instance when omitted) and answers with the Unique Identifier.
 */
import { Operation, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { encodeAttribute1x } from '../attributes/convert';
import { instances, valuesEqual } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, reasonFor, requestUid, saveObject, uidItem } from './common';
import { readNewAttribute } from './attribute-request';
import { checkChange, checkNameUnique } from './attribute-rules';

export const modifyAttribute: OperationHandler = {
  operation: Operation.ModifyAttribute,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'ModifyAttribute', obj);
    const change = readNewAttribute(payload);
    const { attr } = change;
    checkChange(ctx, obj, attr.name, 'modify');
    const existing = instances(obj.attributes, attr.name);
    let target: Attribute | undefined;
    if (change.current) target = existing.find((a) => valuesEqual(a.value, change.current!.value));
    else target = existing.find((a) => a.index === (change.indexGiven ? attr.index : 0));
    if (!target) {
      const r = change.current || change.indexGiven ? ResultReason.AttributeInstanceNotFound : ResultReason.AttributeNotFound;
      throw new KmipError(reasonFor(ctx, r, ResultReason.ItemNotFound), `the object has no such instance of "${attr.name}"`);
    }
    if (!valuesEqual(target.value, attr.value)) checkNameUnique(ctx, attr);
    const updated: Attribute = { name: target.name, index: target.index, value: attr.value };
    saveObject(ctx, { ...obj, attributes: obj.attributes.map((a) => (a === target ? updated : a)) });
    return { payload: ctx.version.major >= 2 ? [uidItem(uid)] : [uidItem(uid), encodeAttribute1x(updated)] };
  },
};

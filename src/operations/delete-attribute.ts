/**
 * Delete Attribute (KMIP 1.0+). 1.x: Attribute Name + Attribute Index (0 when omitted), answered with the
 * deleted attribute. 2.x: Current Attribute (that instance) or Attribute Reference (every instance),
 * answered with the Unique Identifier.
 */
import { Operation, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import { encodeAttribute1x } from '../attributes/convert';
import { instances, removeInstance, valuesEqual } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, reasonFor, requestUid, saveObject, uidItem } from './common';
import { readDeleteTarget } from './attribute-request';
import { checkChange } from './attribute-rules';

export const deleteAttribute: OperationHandler = {
  operation: Operation.DeleteAttribute,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'DeleteAttribute', obj);
    const t = readDeleteTarget(payload);
    checkChange(ctx, obj, t.name, 'delete');
    const existing = instances(obj.attributes, t.name);
    const victims =
      t.value !== undefined
        ? existing.filter((a) => valuesEqual(a.value, t.value!)).slice(0, 1)
        : t.index !== undefined
          ? existing.filter((a) => a.index === t.index)
          : existing;
    if (victims.length === 0) {
      const r = existing.length > 0 ? ResultReason.AttributeInstanceNotFound : ResultReason.AttributeNotFound;
      throw new KmipError(reasonFor(ctx, r, ResultReason.ItemNotFound), `the object has no such instance of "${t.name}"`);
    }
    let list = obj.attributes.filter((a) => !victims.includes(a));
    list = removeInstance(list, t.name, -1); // renumber the remaining instances densely
    saveObject(ctx, { ...obj, attributes: list });
    return { payload: ctx.version.major >= 2 ? [uidItem(uid)] : [uidItem(uid), encodeAttribute1x(victims[0])] };
  },
};

/**
 * Add Attribute (KMIP 1.0+). A new instance of a multi-instance attribute, or the first of a single-instance
 * one. Adding a single-instance attribute again with the same value succeeds (VAST re-adds Operation Policy
 * Name after Create); with another value it is Attribute Single Valued. 1.x answers with the attribute
 * (and its index), 2.x with the Unique Identifier only.
 */
import { Operation, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import { encodeAttribute1x } from '../attributes/convert';
import { addInstance, instances, valuesEqual } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkAttributeCount, checkPolicy, loadObject, reasonFor, requestUid, saveObject, uidItem } from './common';
import { readNewAttribute } from './attribute-request';
import { checkChange, checkNameUnique, isMultiInstance } from './attribute-rules';
import { withInitialCount } from './usage';

export const addAttribute: OperationHandler = {
  operation: Operation.AddAttribute,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'AddAttribute', obj);
    const read = readNewAttribute(payload).attr;
    const attr = read.name === 'Usage Limits' ? { ...read, value: withInitialCount(read.value) } : read;
    checkChange(ctx, obj, attr.name, 'add');
    const existing = instances(obj.attributes, attr.name);
    if (!isMultiInstance(attr.name) && existing.length > 0) {
      if (valuesEqual(existing[0].value, attr.value)) {
        return { payload: ctx.version.major >= 2 ? [uidItem(uid)] : [uidItem(uid), encodeAttribute1x(existing[0])] };
      }
      throw new KmipError(reasonFor(ctx, ResultReason.AttributeSingleValued, ResultReason.IllegalOperation), `attribute "${attr.name}" already has a value`);
    }
    checkNameUnique(ctx, attr);
    checkAttributeCount(obj.attributes.length + 1, uid);
    const { list, added } = addInstance(obj.attributes, attr.name, attr.value);
    saveObject(ctx, { ...obj, attributes: list });
    return { payload: ctx.version.major >= 2 ? [uidItem(uid)] : [uidItem(uid), encodeAttribute1x(added)] };
  },
};

/**
 * Set Attribute (KMIP 2.0+): set the value of a single-instance attribute, adding it when absent.
 * Multi-instance attributes are refused (Multi Valued Attribute): Add/Modify/Delete Attribute handle them.
 */
import { Operation, ResultReason } from '../kmip';
import { KmipError } from '../message/errors';
import type { TtlvItem } from '../ttlv/item';
import { hasAttr, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, requestUid, saveObject, uidItem } from './common';
import { readNewAttribute } from './attribute-request';
import { checkChange, checkNameUnique, isMultiInstance } from './attribute-rules';

export const setAttribute: OperationHandler = {
  operation: Operation.SetAttribute,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'SetAttribute', obj);
    const { attr } = readNewAttribute(payload);
    if (isMultiInstance(attr.name)) throw new KmipError(ResultReason.MultiValuedAttribute, `"${attr.name}" may have several instances: use Add/Modify Attribute`);
    checkChange(ctx, obj, attr.name, hasAttr(obj.attributes, attr.name) ? 'modify' : 'add');
    checkNameUnique(ctx, attr);
    saveObject(ctx, { ...obj, attributes: setSingle(obj.attributes, attr.name, attr.value) });
    return { payload: [uidItem(uid)] };
  },
};

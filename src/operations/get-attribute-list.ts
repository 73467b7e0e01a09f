/**
 * Get Attribute List (KMIP 1.0+): the names of the object's attributes: 1.x Attribute Name (Text String),
 * 2.x Attribute Reference (the attribute's tag, or Vendor Identification + Attribute Name for custom ones).
 */
import { Operation, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import { emittable, encodeAttributeReference } from '../attributes/convert';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { allAttributes, checkPolicy, loadObject, requestUid, uidItem } from './common';

export const getAttributeList: OperationHandler = {
  operation: Operation.GetAttributeList,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid, { allowArchived: true });
    checkPolicy(ctx, 'GetAttributeList', obj);
    const names = [...new Set(emittable(allAttributes(obj), ctx.version).map((a) => a.name))];
    const items = ctx.version.major >= 2 ? names.map(encodeAttributeReference) : names.map((n) => T.text(Tag.AttributeName, n));
    return { payload: [uidItem(uid), ...items] };
  },
};

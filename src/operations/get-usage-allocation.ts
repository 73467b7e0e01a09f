/**
 * Get Usage Allocation (KMIP 1.0+): reserve Usage Limits Count uses of an object that has Usage Limits;
 * the remaining count decreases. Usage Limit Exceeded (2.x) / Permission Denied (1.x) when not enough is left.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import { findAttr, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, reasonFor, requestUid, saveObject, uidItem } from './common';
import { remainingUsage, withRemaining } from './usage';

export const getUsageAllocation: OperationHandler = {
  operation: Operation.GetUsageAllocation,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'GetUsageAllocation', obj);
    const want = child(payload, Tag.UsageLimitsCount);
    if (!want || want.type !== ItemType.LongInteger || want.value <= 0n) {
      throw new KmipError(ResultReason.InvalidField, 'Usage Limits Count must be a positive Long Integer');
    }
    const ul = findAttr(obj.attributes, 'Usage Limits');
    const left = remainingUsage(obj);
    if (!ul || left === undefined) throw new KmipError(reasonFor(ctx, ResultReason.AttributeNotFound, ResultReason.IllegalOperation), 'the object has no Usage Limits');
    if (want.value > left) throw new KmipError(reasonFor(ctx, ResultReason.UsageLimitExceeded, ResultReason.PermissionDenied), 'usage limit exceeded');
    saveObject(ctx, { ...obj, attributes: setSingle(obj.attributes, 'Usage Limits', withRemaining(ul.value, left - want.value)) });
    return { payload: [uidItem(uid)] };
  },
};

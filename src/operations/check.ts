/**
 * Check (KMIP 1.0+): would the object allow this use? Cryptographic Usage Mask bits must all be permitted
 * (Incompatible Cryptographic Usage Mask in 2.x, Permission Denied in 1.x); Usage Limits Count must not
 * exceed what is left; a Lease Time must not exceed the object's. Success answers the Unique Identifier.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import { findAttr, intOf } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, intValue, loadObject, reasonFor, requestUid, uidItem } from './common';
import { remainingUsage } from './usage';

export const check: OperationHandler = {
  operation: Operation.Check,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'Check', obj);
    const mask = intValue(child(payload, Tag.CryptographicUsageMask), 'Cryptographic Usage Mask');
    if (mask !== undefined) {
      const have = intOf(obj.attributes, 'Cryptographic Usage Mask') ?? 0;
      if ((have & mask) !== mask) {
        throw new KmipError(
          reasonFor(ctx, ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied),
          'the object does not permit this Cryptographic Usage Mask',
        );
      }
    }
    const count = child(payload, Tag.UsageLimitsCount);
    if (count) {
      if (count.type !== ItemType.LongInteger) throw new KmipError(ResultReason.InvalidField, 'Usage Limits Count must be a Long Integer');
      const left = remainingUsage(obj);
      if (left !== undefined && count.value > left) {
        throw new KmipError(reasonFor(ctx, ResultReason.UsageLimitExceeded, ResultReason.PermissionDenied), 'usage limit would be exceeded');
      }
    }
    const lease = child(payload, Tag.LeaseTime);
    if (lease) {
      if (lease.type !== ItemType.Interval) throw new KmipError(ResultReason.InvalidField, 'Lease Time must be an Interval');
      const have = findAttr(obj.attributes, 'Lease Time');
      if (have?.value.type === ItemType.Interval && lease.value > have.value.value) {
        throw new KmipError(ResultReason.PermissionDenied, 'the requested Lease Time exceeds the object\'s');
      }
    }
    return { payload: [uidItem(uid)] };
  },
};

/**
 * Usage Limits for protecting operations (KMIP 1.4 §3.21: limits how often or on how many bytes a key
 * applies cryptographic protection): Encrypt, Sign and MAC consume Data bytes (Unit Byte) or one use
 * (Unit Object). The count is taken before the cryptographic call, synchronously after loading the object,
 * so concurrent requests cannot both spend the last use. Exceeding it is Permission Denied in every
 * version, as the OASIS profile vector CS-BC-M-7-21 expects.
 */
import { ItemType } from '../../kmip/item-type';
import { Tag, ResultReason, UsageLimitsUnit } from '../../kmip';
import { KmipError } from '../../message/errors';
import { child } from '../../ttlv/item';
import { findAttr, setSingle } from '../../attributes/list';
import type { StoredObject } from '../../store/port';
import type { OperationContext } from '../types';
import { saveObject } from '../common';
import { remainingUsage, withRemaining } from '../usage';

export function consumeUsage(ctx: OperationContext, obj: StoredObject, dataBytes: number): void {
  const ul = findAttr(obj.attributes, 'Usage Limits');
  if (!ul) return;
  const left = remainingUsage(obj);
  if (left === undefined) return;
  const unit = child(ul.value, Tag.UsageLimitsUnit);
  const amount = BigInt(unit?.type === ItemType.Enumeration && unit.value === UsageLimitsUnit.Byte ? dataBytes : 1);
  if (amount > left) throw new KmipError(ResultReason.PermissionDenied, `usage limit of object "${obj.uid}" exceeded`);
  saveObject(ctx, { ...obj, attributes: setSingle(obj.attributes, 'Usage Limits', withRemaining(ul.value, left - amount)) });
}

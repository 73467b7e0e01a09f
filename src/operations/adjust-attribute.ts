/**
 * Adjust Attribute (KMIP 2.0+): increment, decrement or negate a numeric attribute the client may modify.
 * Dates and intervals move by Adjustment Value seconds.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag, AdjustmentType } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import { decodeAttributeReference } from '../attributes/convert';
import { findAttr, setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, loadObject, reasonFor, requestUid, saveObject, uidItem } from './common';
import { checkChange } from './attribute-rules';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function amountOf(item: TtlvItem | undefined): bigint {
  if (!item) return 1n;
  switch (item.type) {
    case ItemType.Integer:
    case ItemType.Interval:
      return BigInt(item.value);
    case ItemType.LongInteger:
    case ItemType.BigInteger:
    case ItemType.DateTime:
      return item.value;
    default:
      throw new KmipError(ResultReason.InvalidField, 'Adjustment Value must be numeric');
  }
}

export const adjustAttribute: OperationHandler = {
  operation: Operation.AdjustAttribute,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'AdjustAttribute', obj);
    const ref = child(payload, Tag.AttributeReference);
    if (!ref) throw new KmipError(ResultReason.InvalidField, 'Adjust Attribute needs an Attribute Reference');
    const name = decodeAttributeReference(ref);
    const type = enumValue(child(payload, Tag.AdjustmentType), 'Adjustment Type');
    if (type === undefined) throw new KmipError(ResultReason.InvalidField, 'Adjustment Type is required');
    checkChange(ctx, obj, name, 'modify');
    const cur = findAttr(obj.attributes, name);
    if (!cur) throw new KmipError(reasonFor(ctx, ResultReason.AttributeNotFound, ResultReason.ItemNotFound), `the object has no "${name}"`);
    const amount = amountOf(child(payload, Tag.AdjustmentValue));
    const v = cur.value;
    const apply = (x: bigint): bigint => {
      if (type === AdjustmentType.Increment) return x + amount;
      if (type === AdjustmentType.Decrement) return x - amount;
      if (type === AdjustmentType.Negate) return -x;
      throw new KmipError(ResultReason.InvalidField, 'unknown Adjustment Type');
    };
    let next: TtlvItem;
    if (v.type === ItemType.Integer || v.type === ItemType.Interval) {
      const n = apply(BigInt(v.value));
      const lo = v.type === ItemType.Interval ? 0n : BigInt(INT32_MIN);
      const hi = v.type === ItemType.Interval ? 0xffffffffn : BigInt(INT32_MAX);
      if (n < lo || n > hi) throw new KmipError(ResultReason.NumericRange, 'the adjusted value is out of range');
      next = { ...v, value: Number(n) } as TtlvItem;
    } else if (v.type === ItemType.LongInteger || v.type === ItemType.DateTime || v.type === ItemType.BigInteger) {
      next = { ...v, value: apply(v.value) } as TtlvItem;
    } else {
      throw new KmipError(reasonFor(ctx, ResultReason.InvalidDataType, ResultReason.InvalidField), `"${name}" is not numeric`);
    }
    saveObject(ctx, { ...obj, attributes: setSingle(obj.attributes, cur.name, next) });
    return { payload: [uidItem(uid)] };
  },
};

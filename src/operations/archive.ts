/**
 * Archive and Recover (KMIP 1.0+): move an object to archival storage and back. The storage status is a
 * server bookkeeping attribute (never sent), which Locate's Storage Status Mask filters on; Archive Date is
 * set on Archive. Operations other than Recover, Get Attributes, Get Attribute List and Destroy refuse an
 * archived object with Object Archived (common.loadObject).
 */
import { Operation, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import { setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import {
  STORAGE_ARCHIVED,
  STORAGE_ATTRIBUTE,
  STORAGE_ONLINE,
  checkPolicy,
  loadObject,
  nowSeconds,
  requestUid,
  saveObject,
  uidItem,
} from './common';

export const archive: OperationHandler = {
  operation: Operation.Archive,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid, { allowArchived: true });
    checkPolicy(ctx, 'Archive', obj);
    let attrs = setSingle(obj.attributes, STORAGE_ATTRIBUTE, T.int(Tag.AttributeValue, STORAGE_ARCHIVED));
    attrs = setSingle(attrs, 'Archive Date', T.date(Tag.AttributeValue, nowSeconds(ctx)));
    saveObject(ctx, { ...obj, attributes: attrs });
    return { payload: [uidItem(uid)] };
  },
};

export const recover: OperationHandler = {
  operation: Operation.Recover,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid, { allowArchived: true });
    checkPolicy(ctx, 'Recover', obj);
    saveObject(ctx, { ...obj, attributes: setSingle(obj.attributes, STORAGE_ATTRIBUTE, T.int(Tag.AttributeValue, STORAGE_ONLINE)) });
    return { payload: [uidItem(uid)] };
  },
};

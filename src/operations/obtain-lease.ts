/**
 * Obtain Lease (KMIP 1.0+): a lease for an object that may be used (Active); answers Lease Time (the
 * object's attribute, else the server default) and Last Change Date.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, type TtlvItem } from '../ttlv/item';
import { dateOf, findAttr } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { DEFAULT_LEASE_SECONDS, checkPolicy, loadObject, nowSeconds, requestUid, uidItem } from './common';
import { mayProtect, mayProcess, violationReason } from '../lifecycle';


export const obtainLease: OperationHandler = {
  operation: Operation.ObtainLease,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'ObtainLease', obj);
    const now = nowSeconds(ctx);
    const dates = { activationDate: dateOf(obj.attributes, 'Activation Date'), deactivationDate: dateOf(obj.attributes, 'Deactivation Date') };
    if (!mayProtect(obj.state, dates, now).ok && !mayProcess(obj.state, dates, now).ok) {
      throw new KmipError(violationReason(ctx.version), 'a lease is only granted for an object that may be used');
    }
    const lt = findAttr(obj.attributes, 'Lease Time');
    const lease = lt?.value.type === ItemType.Interval ? lt.value.value : DEFAULT_LEASE_SECONDS;
    const lcd = dateOf(obj.attributes, 'Last Change Date') ?? dateOf(obj.attributes, 'Initial Date') ?? now;
    if (lease < 0) throw new KmipError(ResultReason.GeneralFailure, 'bad lease');
    return { payload: [uidItem(uid), T.interval(Tag.LeaseTime, lease), T.date(Tag.LastChangeDate, lcd)] };
  },
};

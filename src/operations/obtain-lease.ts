/**
 * Obtain Lease (KMIP 1.0+): answers Lease Time (the object's attribute, else the server default) and Last Change
 * Date, or refuses with an error when no lease may be issued (lifecycle `mayLease`: compromised or destroyed
 * objects). Zero is never used to refuse: it means "no lease limit" (§4.17).
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import { KmipError } from '../message/errors';
import { dateOf, findAttr } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { DEFAULT_LEASE_SECONDS, checkPolicy, loadObject, nowSeconds, requestUid, uidItem } from './common';
import { mayLease, stateName } from '../lifecycle';

export const obtainLease: OperationHandler = {
  operation: Operation.ObtainLease,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'ObtainLease', obj);
    const now = nowSeconds(ctx);
    const dates = { activationDate: dateOf(obj.attributes, 'Activation Date'), deactivationDate: dateOf(obj.attributes, 'Deactivation Date') };
    const decision = mayLease(obj.state, dates, now);
    // Error tables (1.2 §11.18 "a new lease is not permitted": Permission Denied; 2.1 Table 270 lists Permission
    // Denied and not Wrong Key Lifecycle State).
    if (!decision.ok) throw new KmipError(ResultReason.PermissionDenied, `object "${uid}" is ${stateName(obj.state)}: ${decision.message}`);
    const lt = findAttr(obj.attributes, 'Lease Time');
    const lease = lt?.value.type === ItemType.Interval ? lt.value.value : DEFAULT_LEASE_SECONDS;
    const lcd = dateOf(obj.attributes, 'Last Change Date') ?? dateOf(obj.attributes, 'Initial Date') ?? now;
    return { payload: [uidItem(uid), T.interval(Tag.LeaseTime, lease), T.date(Tag.LastChangeDate, lcd)] };
  },
};

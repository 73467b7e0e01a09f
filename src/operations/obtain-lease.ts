/**
 * Obtain Lease (KMIP 1.0+): answers Lease Time (the object's attribute, else the server default; zero for an
 * object that may not be used now) and Last Change Date.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import { dateOf, findAttr } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { DEFAULT_LEASE_SECONDS, checkPolicy, loadObject, nowSeconds, requestUid, uidItem } from './common';
import { mayProtect, mayProcess } from '../lifecycle';


export const obtainLease: OperationHandler = {
  operation: Operation.ObtainLease,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'ObtainLease', obj);
    const now = nowSeconds(ctx);
    const dates = { activationDate: dateOf(obj.attributes, 'Activation Date'), deactivationDate: dateOf(obj.attributes, 'Deactivation Date') };
    // An object that may not be used now gets a lease of zero seconds (OVH/OASIS TC-95 "Obtain Lease for
    // Expired Key"): the client learns it must not use it.
    const usable = mayProtect(obj.state, dates, now).ok || mayProcess(obj.state, dates, now).ok;
    const lt = findAttr(obj.attributes, 'Lease Time');
    const lease = !usable ? 0 : lt?.value.type === ItemType.Interval ? lt.value.value : DEFAULT_LEASE_SECONDS;
    const lcd = dateOf(obj.attributes, 'Last Change Date') ?? dateOf(obj.attributes, 'Initial Date') ?? now;
    return { payload: [uidItem(uid), T.interval(Tag.LeaseTime, lease), T.date(Tag.LastChangeDate, lcd)] };
  },
};

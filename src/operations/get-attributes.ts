/**
 * Get Attributes (KMIP 1.0+): the requested attributes (all when none is named), in the request's encoding
 * and only those the version defines. An attribute the object does not have is simply absent (Success), as
 * vCenter expects when it probes its x- attributes.
 */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import { emittable, encodeAttributeList } from '../attributes/convert';
import { instances } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { allAttributes, checkPolicy, loadObject, requestUid, uidItem } from './common';
import { readNames } from './attribute-request';

export const getAttributes: OperationHandler = {
  operation: Operation.GetAttributes,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid, { allowArchived: true });
    checkPolicy(ctx, 'GetAttributes', obj);
    const names = readNames(payload);
    const all = allAttributes(obj);
    let picked: Attribute[];
    if (names.length === 0) picked = all;
    else {
      picked = [];
      for (const n of new Set(names)) picked.push(...instances(all, n));
    }
    return { payload: [uidItem(uid), ...encodeAttributeList(emittable(picked, ctx.version), ctx.version)] };
  },
};

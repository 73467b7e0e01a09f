/** Activate (KMIP 1.0+): Pre-Active -> Active, Activation Date = now (transition 4). */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, requestUid, saveObject, uidItem } from './common';
import { applyEvent } from './lifecycle-ops';

export const activate: OperationHandler = {
  operation: Operation.Activate,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'Activate', obj);
    saveObject(ctx, applyEvent(ctx, obj, { kind: 'activate' }));
    return { payload: [uidItem(uid)] };
  },
};

/**
 * Destroy (KMIP 1.0+): the key material is erased (wrapped copy dropped, provider copy zeroed by the store);
 * the metadata stays, in state Destroyed or Destroyed Compromised. An Active object is refused with the
 * version's lifecycle reason (src/lifecycle).
 */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, requestUid, saveObject, uidItem } from './common';
import { applyEvent } from './lifecycle-ops';

export const destroy: OperationHandler = {
  operation: Operation.Destroy,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid, { allowArchived: true });
    checkPolicy(ctx, 'Destroy', obj);
    const next = applyEvent(ctx, obj, { kind: 'destroy' });
    saveObject(ctx, { ...next, material: null, kekId: null });
    // The provider may keep an unwrapped copy for speed (PKCS#11 session objects): drop it now.
    if (obj.material && obj.kekId) ctx.crypto.forget?.({ wrapped: obj.material, kekId: obj.kekId });
    return { payload: [uidItem(uid)] };
  },
};

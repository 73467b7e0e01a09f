/**
 * Revoke (KMIP 1.0+): Key Compromise / CA Compromise -> Compromised (Compromise Date = now, Compromise
 * Occurrence Date from the request or the Initial Date); any other reason -> Deactivated. The Revocation
 * Reason is kept as an attribute.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, RevocationReasonCode, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import { setSingle } from '../attributes/list';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, requestUid, saveObject, uidItem } from './common';
import { applyEvent } from './lifecycle-ops';

export const revoke: OperationHandler = {
  operation: Operation.Revoke,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const obj = loadObject(ctx, uid);
    checkPolicy(ctx, 'Revoke', obj);
    const reason = child(payload, Tag.RevocationReason);
    const code = child(reason, Tag.RevocationReasonCode);
    if (!reason || reason.type !== ItemType.Structure || !code || code.type !== ItemType.Enumeration) {
      throw new KmipError(ResultReason.InvalidField, 'Revoke needs a Revocation Reason with a Revocation Reason Code');
    }
    const occ = child(payload, Tag.CompromiseOccurrenceDate);
    if (occ && occ.type !== ItemType.DateTime) throw new KmipError(ResultReason.InvalidField, 'Compromise Occurrence Date must be a Date-Time');
    const compromise = code.value === RevocationReasonCode.KeyCompromise || code.value === RevocationReasonCode.CACompromise;
    const next = applyEvent(ctx, obj, { kind: 'revoke', compromise, occurrenceDate: occ?.type === ItemType.DateTime ? occ.value : undefined });
    saveObject(ctx, { ...next, attributes: setSingle(next.attributes, 'Revocation Reason', reason) });
    return { payload: [uidItem(uid)] };
  },
};

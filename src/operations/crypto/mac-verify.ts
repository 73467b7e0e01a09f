/** MAC Verify (KMIP 1.2+): recomputes the MAC and compares in constant time; answers Validity Indicator. */
import { timingSafeEqual } from 'node:crypto';
import { Operation, Tag, CryptographicUsageMask, ValidityIndicator, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { cryptoParams, refuseStreaming, requiredBytes } from './params';
import { macParams } from './mac-common';

export const macVerify: OperationHandler = {
  operation: Operation.MACVerify,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    refuseStreaming(payload);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'MAC Verify', CryptographicUsageMask.MACVerify, 'process');
    if (isPublicKeyRef(key)) throw new KmipError(ResultReason.InvalidField, 'MAC needs a symmetric key');
    const params = macParams(spec, obj, cryptoParams(payload, obj));
    const data = requiredBytes(payload, Tag.Data, 'Data');
    const given = requiredBytes(payload, Tag.MACData, 'MAC Data');
    const expected = await ctx.crypto.mac(key, data, params);
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    return { payload: [uidItem(uid), T.enum(Tag.ValidityIndicator, ok ? ValidityIndicator.Valid : ValidityIndicator.Invalid)] };
  },
};

/** MAC Verify (KMIP 1.2+): recomputes the MAC and compares in constant time; answers Validity Indicator. */
import { timingSafeEqual } from 'node:crypto';
import { Operation, Tag, CryptographicUsageMask, ValidityIndicator, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { bufferedStreamPart, type BufferedOperation } from './buffered-stream';
import { macParams } from './mac-common';

const streamed: BufferedOperation = {
  operation: Operation.MACVerify,
  check: (payload, ctx) => loadKey(ctx, payload, 'MAC Verify', CryptographicUsageMask.MACVerify, 'process').uid,
  single: (payload, ctx) => macVerify.handle(payload, ctx),
};

export const macVerify: OperationHandler = {
  operation: Operation.MACVerify,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    if (step.kind !== 'single') return bufferedStreamPart(ctx, payload, streamed, step);
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

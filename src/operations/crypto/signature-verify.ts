/** Signature Verify (KMIP 1.2+): answers Validity Indicator Valid or Invalid. */
import { Operation, Tag, CryptographicUsageMask, ResultReason, ValidityIndicator } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { bufferedStreamPart, type BufferedOperation } from './buffered-stream';
import { paramsFitKey, signParams } from './signing';

const streamed: BufferedOperation = {
  operation: Operation.SignatureVerify,
  check: (payload, ctx) => loadKey(ctx, payload, 'Signature Verify', CryptographicUsageMask.Verify, 'process').uid,
  single: (payload, ctx) => signatureVerify.handle(payload, ctx),
};

export const signatureVerify: OperationHandler = {
  operation: Operation.SignatureVerify,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    if (step.kind !== 'single') return bufferedStreamPart(ctx, payload, streamed, step);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'Signature Verify', CryptographicUsageMask.Verify, 'process');
    const p = cryptoParams(payload, obj);
    const data = bytesField(payload, Tag.Data, 'Data');
    const digested = bytesField(payload, Tag.DigestedData, 'Digested Data');
    if (!data === !digested) throw new KmipError(ResultReason.InvalidField, 'give exactly one of Data and Digested Data');
    const signature = requiredBytes(payload, Tag.SignatureData, 'Signature Data');
    if (!paramsFitKey(spec, p)) return { payload: [uidItem(uid), T.enum(Tag.ValidityIndicator, ValidityIndicator.Invalid)] };
    const ok = await ctx.crypto.verify(key, (data ?? digested) as Buffer, signature, signParams(spec, p, !data));
    return { payload: [uidItem(uid), T.enum(Tag.ValidityIndicator, ok ? ValidityIndicator.Valid : ValidityIndicator.Invalid)] };
  },
};

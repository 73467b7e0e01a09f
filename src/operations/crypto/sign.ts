/** Sign (KMIP 1.2+): RSA PKCS#1 v1.5 / PSS and ECDSA (DER signature) over Data or Digested Data. */
import { Operation, Tag, CryptographicUsageMask, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams } from './params';
import { streamStep } from './streams';
import { bufferedStreamPart, type BufferedOperation } from './buffered-stream';
import { signParams } from './signing';
import { consumeUsage } from './usage-limits';

const streamed: BufferedOperation = {
  operation: Operation.Sign,
  check: (payload, ctx) => loadKey(ctx, payload, 'Sign', CryptographicUsageMask.Sign, 'protect').uid,
  single: (payload, ctx) => sign.handle(payload, ctx),
};

export const sign: OperationHandler = {
  operation: Operation.Sign,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    if (step.kind !== 'single') return bufferedStreamPart(ctx, payload, streamed, step);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'Sign', CryptographicUsageMask.Sign, 'protect');
    if (isPublicKeyRef(key) || spec.keyClass !== 'private') throw new KmipError(ResultReason.InvalidField, `object "${uid}" is not a private key`);
    const p = cryptoParams(payload, obj);
    const data = bytesField(payload, Tag.Data, 'Data');
    const digested = bytesField(payload, Tag.DigestedData, 'Digested Data');
    if (!data === !digested) throw new KmipError(ResultReason.InvalidField, 'give exactly one of Data and Digested Data');
    const params = signParams(spec, p, !data);
    consumeUsage(ctx, obj, ((data ?? digested) as Buffer).length);
    const sig = await ctx.crypto.sign(key, (data ?? digested) as Buffer, params);
    return { payload: [uidItem(uid), T.bytes(Tag.SignatureData, sig)] };
  },
};

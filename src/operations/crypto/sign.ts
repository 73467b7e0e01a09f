/** Sign (KMIP 1.2+): RSA PKCS#1 v1.5 / PSS and ECDSA (DER signature) over Data or Digested Data. */
import { Operation, Tag, CryptographicUsageMask, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams, refuseStreaming } from './params';
import { signParams } from './signing';
import { consumeUsage } from './usage-limits';

export const sign: OperationHandler = {
  operation: Operation.Sign,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    refuseStreaming(payload);
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

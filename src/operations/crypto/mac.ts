/** MAC (KMIP 1.2+): HMAC-SHA1..SHA512 with HMAC keys, CMAC with AES/3DES keys. */
import { Operation, Tag, CryptographicUsageMask } from '../../kmip';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { cryptoParams, refuseStreaming, requiredBytes } from './params';
import { macParams } from './mac-common';
import { consumeUsage } from './usage-limits';
import { KmipError } from '../../message/errors';
import { ResultReason } from '../../kmip';

export const mac: OperationHandler = {
  operation: Operation.MAC,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    refuseStreaming(payload);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'MAC', CryptographicUsageMask.MACGenerate, 'protect');
    if (isPublicKeyRef(key)) throw new KmipError(ResultReason.InvalidField, 'MAC needs a symmetric key');
    const params = macParams(spec, obj, cryptoParams(payload, obj));
    const data = requiredBytes(payload, Tag.Data, 'Data');
    consumeUsage(ctx, obj, data.length);
    const out = await ctx.crypto.mac(key, data, params);
    return { payload: [uidItem(uid), T.bytes(Tag.MACData, out)] };
  },
};

/** MAC (KMIP 1.2+): HMAC-SHA1..SHA512 with HMAC keys, CMAC with AES/3DES keys. */
import { Operation, Tag, CryptographicUsageMask } from '../../kmip';
import { T, type TtlvItem } from '../../ttlv/item';
import { isPublicKeyRef } from '../../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { bufferedStreamPart, type BufferedOperation } from './buffered-stream';
import { macParams } from './mac-common';
import { consumeUsage } from './usage-limits';
import { KmipError } from '../../message/errors';
import { ResultReason } from '../../kmip';

async function single(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
  const { uid, obj, key, spec } = loadKey(ctx, payload, 'MAC', CryptographicUsageMask.MACGenerate, 'protect');
  if (isPublicKeyRef(key)) throw new KmipError(ResultReason.InvalidField, 'MAC needs a symmetric key');
  const params = macParams(spec, obj, cryptoParams(payload, obj));
  const data = requiredBytes(payload, Tag.Data, 'Data');
  consumeUsage(ctx, obj, data.length);
  const out = await ctx.crypto.mac(key, data, params);
  return { payload: [uidItem(uid), T.bytes(Tag.MACData, out)] };
}

const streamed: BufferedOperation = {
  operation: Operation.MAC,
  check: (payload, ctx) => loadKey(ctx, payload, 'MAC', CryptographicUsageMask.MACGenerate, 'protect').uid,
  single,
};

export const mac: OperationHandler = {
  operation: Operation.MAC,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    return step.kind === 'single' ? single(payload, ctx) : bufferedStreamPart(ctx, payload, streamed, step);
  },
};

/** Hash (KMIP 1.4+ payload; operation enumerated from 1.2): digest of Data with the Hashing Algorithm. */
import { Operation, Tag, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { checkPolicy } from '../common';
import { cryptoParams, refuseStreaming, requiredBytes } from './params';

export const hash: OperationHandler = {
  operation: Operation.Hash,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    refuseStreaming(payload);
    checkPolicy(ctx, 'Hash');
    const p = cryptoParams(payload, undefined);
    if (!p.hash) throw new KmipError(ResultReason.InvalidField, 'Cryptographic Parameters must give a Hashing Algorithm');
    const data = requiredBytes(payload, Tag.Data, 'Data');
    return { payload: [T.bytes(Tag.Data, await ctx.crypto.hash(data, p.hash))] };
  },
};

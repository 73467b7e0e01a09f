/** Hash (KMIP 1.4+ payload; operation enumerated from 1.2): digest of Data with the Hashing Algorithm; multi-part from 1.3. */
import { Operation, Tag, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { checkPolicy } from '../common';
import { cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { bufferedStreamPart, type BufferedOperation } from './buffered-stream';

async function single(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
  checkPolicy(ctx, 'Hash');
  const p = cryptoParams(payload, undefined);
  if (!p.hash) throw new KmipError(ResultReason.InvalidField, 'Cryptographic Parameters must give a Hashing Algorithm');
  const data = requiredBytes(payload, Tag.Data, 'Data');
  return { payload: [T.bytes(Tag.Data, await ctx.crypto.hash(data, p.hash))] };
}

const streamed: BufferedOperation = {
  operation: Operation.Hash,
  check(payload, ctx) {
    checkPolicy(ctx, 'Hash');
    // Parts may omit Cryptographic Parameters (the Init part's apply); a part that gives them must be valid.
    cryptoParams(payload, undefined);
    return undefined;
  },
  single,
};

export const hash: OperationHandler = {
  operation: Operation.Hash,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    return step.kind === 'single' ? single(payload, ctx) : bufferedStreamPart(ctx, payload, streamed, step);
  },
};

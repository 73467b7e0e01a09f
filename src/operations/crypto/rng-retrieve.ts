/** RNG Retrieve (KMIP 1.2+): Data Length bytes from the provider's generator (the HSM for PKCS#11). */
import { ItemType } from '../../kmip/item-type';
import { Operation, Tag, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, child, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { checkPolicy } from '../common';

/** One answer stays well under the default maximum response size. */
export const MAX_RNG_LENGTH = 64 * 1024;

export const rngRetrieve: OperationHandler = {
  operation: Operation.RNGRetrieve,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'RNG Retrieve');
    const len = child(payload, Tag.DataLength);
    if (!len || len.type !== ItemType.Integer) throw new KmipError(ResultReason.InvalidField, 'Data Length (Integer) is required');
    if (len.value < 1 || len.value > MAX_RNG_LENGTH) {
      throw new KmipError(ResultReason.InvalidField, `Data Length must be between 1 and ${MAX_RNG_LENGTH}`);
    }
    return { payload: [T.bytes(Tag.Data, await ctx.crypto.random(len.value))] };
  },
};

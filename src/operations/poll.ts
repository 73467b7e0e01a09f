/** Poll (KMIP 1.0+, 2.1 §6.1.38): the values the batch runner's registry holds are answered there; any value reaching this handler is unknown (async-requests.ts). */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { correlationValue, unknownCorrelation } from './async-requests';

export const poll: OperationHandler = {
  operation: Operation.Poll,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Poll');
    correlationValue(payload);
    throw unknownCorrelation(ctx);
  },
};

/** Cancel (KMIP 1.0+, 2.1 §6.1.5): nothing is ever outstanding here (async-requests.ts), so the value is unknown. */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { correlationValue, unknownCorrelation } from './async-requests';

export const cancel: OperationHandler = {
  operation: Operation.Cancel,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Cancel');
    correlationValue(payload);
    throw unknownCorrelation(ctx);
  },
};

/** Ping (KMIP 2.1 §6.1.36): the server is alive; empty request and response payloads. */
import { Operation } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';

export const ping: OperationHandler = {
  operation: Operation.Ping,
  since: { major: 2, minor: 1 },
  async handle(_payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Ping');
    return { payload: [] };
  },
};

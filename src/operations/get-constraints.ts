/** Get Constraints (KMIP 2.1 §6.1.22): the constraints as set (an empty Constraints structure when none are). */
import { Operation, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { storedConstraints } from './constraints';

export const getConstraints: OperationHandler = {
  operation: Operation.GetConstraints,
  since: { major: 2, minor: 1 },
  async handle(_payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'GetConstraints');
    return { payload: [storedConstraints(ctx) ?? T.struct(Tag.Constraints, [])] };
  },
};

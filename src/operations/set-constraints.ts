/** Set Constraints (KMIP 2.1 §6.1.52): replace the constraints applied to new objects (constraints.ts); none clears them. */
import { Operation, Tag } from '../kmip';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { decodeConstraints, saveConstraints } from './constraints';

export const setConstraints: OperationHandler = {
  operation: Operation.SetConstraints,
  since: { major: 2, minor: 1 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'SetConstraints');
    const s = child(payload, Tag.Constraints);
    if (s) decodeConstraints(s);
    saveConstraints(ctx, s);
    return { payload: [] };
  },
};

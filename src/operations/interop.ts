/**
 * Interop (KMIP 2.0+): the test-harness operation the OASIS 2.x interoperability vectors open and close
 * each test case with (Begin / End / Reset + Interop Identifier). We keep no per-test state, so every
 * valid request succeeds with an empty payload.
 */
import { ItemType } from '../kmip/item-type';
import { InteropFunction, Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue } from './common';

export const interop: OperationHandler = {
  operation: Operation.Interop,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Interop');
    const fn = enumValue(child(payload, Tag.InteropFunction), 'Interop Function');
    if (fn === undefined || !(Object.values(InteropFunction) as number[]).includes(fn)) {
      throw new KmipError(ResultReason.InvalidField, 'Interop needs an Interop Function (Begin, End or Reset)');
    }
    const id = child(payload, Tag.InteropIdentifier);
    if (id && id.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Interop Identifier must be a Text String');
    return { payload: [] };
  },
};

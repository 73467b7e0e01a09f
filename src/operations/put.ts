/**
 * Put (KMIP 1.0+, 2.1 §6.2.3), received: acknowledged with an empty payload, nothing stored (see
 * peer-message.ts for why). Checks: Unique Identifier, Put Function (New, or Replace with a Replaced Unique
 * Identifier), exactly one managed object structure, well-formed attributes.
 */
import { Operation, PutFunction, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue } from './common';
import { OBJECT_TAGS, zeroTree } from './objects';
import { checkMessageAttributes, requireUid } from './peer-message';

export const put: OperationHandler = {
  operation: Operation.Put,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Put');
    const objects = OBJECT_TAGS.map(([, tag]) => child(payload, tag)).filter((o): o is TtlvItem => o !== undefined);
    try {
      requireUid(payload, Tag.UniqueIdentifier, 'Unique Identifier');
      const fn = enumValue(child(payload, Tag.PutFunction), 'Put Function');
      if (fn !== PutFunction.New && fn !== PutFunction.Replace) throw new KmipError(ResultReason.InvalidField, 'Put Function must be New or Replace');
      if (fn === PutFunction.Replace) requireUid(payload, Tag.ReplacedUniqueIdentifier, 'Replaced Unique Identifier (Put Function Replace)');
      if (objects.length !== 1) throw new KmipError(ResultReason.InvalidField, 'Put carries exactly one managed object');
      checkMessageAttributes(payload);
      return { payload: [] };
    } finally {
      for (const o of objects) zeroTree(o);
    }
  },
};

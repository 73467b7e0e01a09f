/**
 * Notify (KMIP 1.0+, 2.1 §6.2.2), received: acknowledged with an empty payload, nothing applied (see
 * peer-message.ts). Checks: Unique Identifier, well-formed attributes and Attribute References.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { children, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { checkMessageAttributes, requireUid } from './peer-message';

export const notify: OperationHandler = {
  operation: Operation.Notify,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Notify');
    requireUid(payload, Tag.UniqueIdentifier, 'Unique Identifier');
    checkMessageAttributes(payload);
    for (const r of children(payload, Tag.AttributeReference)) {
      if (r.type !== ItemType.Structure && r.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, 'Attribute Reference is malformed');
    }
    return { payload: [] };
  },
};

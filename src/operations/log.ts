/**
 * Log (KMIP 2.0+): a client writes a message to the server's log. We accept it (bounded) and answer with
 * an empty payload; the audit trail (src/audit) will record it once it exists.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';

export const MAX_LOG_MESSAGE = 4096;

export const log: OperationHandler = {
  operation: Operation.Log,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Log');
    const m = child(payload, Tag.LogMessage);
    if (!m || m.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Log needs a Log Message (Text String)');
    if (m.value.length > MAX_LOG_MESSAGE) throw new KmipError(ResultReason.InvalidField, `Log Message longer than ${MAX_LOG_MESSAGE} characters`);
    return { payload: [] };
  },
};

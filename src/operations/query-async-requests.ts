/**
 * Query Asynchronous Requests (KMIP 2.1 §6.1.41): the outstanding asynchronous requests matching the filters.
 * There are never any here (async-requests.ts): the answer is an empty payload (Asynchronous Request: "No,
 * MAY be repeated"). The filters are still checked for well-formedness.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';

export const queryAsynchronousRequests: OperationHandler = {
  operation: Operation.QueryAsynchronousRequests,
  since: { major: 2, minor: 1 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'QueryAsynchronousRequests');
    const values = child(payload, Tag.AsynchronousCorrelationValues);
    if (values && (values.type !== ItemType.Structure || values.value.some((v) => v.tag !== Tag.AsynchronousCorrelationValue || v.type !== ItemType.ByteString))) {
      throw new KmipError(ResultReason.InvalidField, 'Asynchronous Correlation Values holds Byte Strings only');
    }
    const ops = child(payload, Tag.Operations);
    if (ops && (ops.type !== ItemType.Structure || ops.value.some((v) => v.tag !== Tag.Operation || v.type !== ItemType.Enumeration))) {
      throw new KmipError(ResultReason.InvalidField, 'Operations holds Operation enumerations only');
    }
    return { payload: [] };
  },
};

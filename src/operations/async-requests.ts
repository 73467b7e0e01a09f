/**
 * What Poll and Cancel share. Requests answered Operation Pending live in the message layer's registry
 * (src/message/async-requests.ts), and the batch runner answers Poll and Cancel of the values it holds
 * itself. What reaches these handlers is everything else: values never issued, already collected, expired,
 * or another client's, or any value when the server runs without a registry. They are all unknown here.
 */
import { ItemType } from '../kmip/item-type';
import { ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext } from './types';
import { reasonFor } from './common';

/** The Asynchronous Correlation Value of the request (required). */
export function correlationValue(payload: TtlvItem): Buffer {
  const v = child(payload, Tag.AsynchronousCorrelationValue);
  if (!v || v.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Asynchronous Correlation Value (Byte String) is required');
  return v.value;
}

export function unknownCorrelation(ctx: OperationContext): KmipError {
  return new KmipError(
    reasonFor(ctx, ResultReason.InvalidAsynchronousCorrelationValue, ResultReason.ItemNotFound),
    'no outstanding asynchronous request of this client has this correlation value',
  );
}

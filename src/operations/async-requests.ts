/**
 * What Poll, Cancel and Query Asynchronous Requests share. This server answers every request synchronously
 * (the batch runner never returns Operation Pending; a request that demands asynchronous processing is
 * refused there), so no asynchronous request is ever outstanding: every Asynchronous Correlation Value a
 * client presents is unknown. If asynchronous processing is added, these operations must consult its
 * registry instead.
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
    'no outstanding asynchronous request has this correlation value (this server answers synchronously)',
  );
}

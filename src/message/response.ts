/**
 * Response Message model and its TTLV tree (KMIP 1.4 §7.1-7.2 Tables 281/283, 2.1 §8.4-8.6).
 *
 * Field order is the specification's: Response Header = Protocol Version, Time Stamp,
 * [Client Correlation Value], [Server Correlation Value], Batch Count; Batch Item = [Operation],
 * [Unique Batch Item ID], Result Status, [Result Reason], [Result Message], [Asynchronous Correlation Value],
 * [Response Payload].
 * Fields a version does not define are removed afterwards by the version gate, in one place.
 */
import { Tag } from '../kmip/tags';
import { T, type TtlvItem } from '../ttlv/item';
import type { ProtocolVersion } from './version';

export interface ResponseHeader {
  protocolVersion: ProtocolVersion;
  /** Seconds since the epoch. */
  timeStamp: bigint;
  serverCorrelationValue?: string;
}

export interface ResponseBatchItem {
  /** Echo of the request's Operation; omitted when the request's operation could not be read. */
  operation?: number;
  uniqueBatchItemId?: Buffer;
  resultStatus: number;
  resultReason?: number;
  resultMessage?: string;
  /** Operation Pending: the value the client polls with (async-requests.ts). */
  asynchronousCorrelationValue?: Buffer;
  /** Children of the Response Payload; undefined = no Response Payload field. */
  payload?: TtlvItem[];
  /** Zeroes key material in the payload once the response is encoded (OperationResult.release); never encoded. */
  release?: () => void;
}

export interface ResponseMessage {
  header: ResponseHeader;
  batchItems: ResponseBatchItem[];
}

export function protocolVersionItem(v: ProtocolVersion): TtlvItem {
  return T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, v.major), T.int(Tag.ProtocolVersionMinor, v.minor)]);
}

export function responseHeaderItem(h: ResponseHeader, batchCount: number): TtlvItem {
  const fields: TtlvItem[] = [protocolVersionItem(h.protocolVersion), T.date(Tag.TimeStamp, h.timeStamp)];
  if (h.serverCorrelationValue !== undefined) fields.push(T.text(Tag.ServerCorrelationValue, h.serverCorrelationValue));
  fields.push(T.int(Tag.BatchCount, batchCount));
  return T.struct(Tag.ResponseHeader, fields);
}

export function responseBatchItemItem(b: ResponseBatchItem): TtlvItem {
  const fields: TtlvItem[] = [];
  if (b.operation !== undefined) fields.push(T.enum(Tag.Operation, b.operation));
  if (b.uniqueBatchItemId !== undefined) fields.push(T.bytes(Tag.UniqueBatchItemID, b.uniqueBatchItemId));
  fields.push(T.enum(Tag.ResultStatus, b.resultStatus));
  if (b.resultReason !== undefined) fields.push(T.enum(Tag.ResultReason, b.resultReason));
  if (b.resultMessage !== undefined) fields.push(T.text(Tag.ResultMessage, b.resultMessage));
  if (b.asynchronousCorrelationValue !== undefined) fields.push(T.bytes(Tag.AsynchronousCorrelationValue, b.asynchronousCorrelationValue));
  if (b.payload !== undefined) fields.push(T.struct(Tag.ResponsePayload, b.payload));
  return T.struct(Tag.BatchItem, fields);
}

export function responseMessageItem(m: ResponseMessage): TtlvItem {
  return T.struct(Tag.ResponseMessage, [
    responseHeaderItem(m.header, m.batchItems.length),
    ...m.batchItems.map(responseBatchItemItem),
  ]);
}

/** Seconds since the epoch for a Date, as TTLV Date-Time carries it. */
export function toKmipTime(d: Date): bigint {
  return BigInt(Math.floor(d.getTime() / 1000));
}

/**
 * Asynchronous operations (KMIP 1.4 §6.7 Asynchronous Indicator, §4.25 Poll, §4.26 Cancel; 2.1 §6.1.38 / §6.1.5).
 *
 * The server decides which operations run asynchronously. Ours: the storage operations that may scan or move
 * many objects (Locate, Archive, Recover), when the client allows it (1.x Asynchronous Indicator True, 2.x
 * Optional or Mandatory). Such an item is not executed at once: it is kept here under a random Asynchronous
 * Correlation Value and answered Operation Pending. The work happens when the client polls for it, and Poll
 * answers with the operation's own result (Operation = the original operation, as the KMIP TC-32/TC-101 vectors
 * show). Until then Cancel really cancels it: nothing was done.
 *
 * Bounds: at most MAX_PENDING requests are kept (the oldest is forgotten first) and each for at most
 * PENDING_TTL_MS; a forgotten value is unknown to Poll/Cancel, which then answer as for any unknown value
 * (operations/poll.ts, cancel.ts). Only the client (principal and tenant) that made a request may poll or
 * cancel it. The ID Placeholder of the batch at the time of the request travels with it.
 */
import { randomBytes } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { AsynchronousIndicator, CancellationResult, Operation, ResultStatus } from '../kmip/enums';
import { Tag } from '../kmip/tags';
import { T, child } from '../ttlv/item';
import type { RequestBatchItem, RequestHeader } from './request';
import type { ResponseBatchItem } from './response';
import type { ProtocolVersion } from './version';

export const MAX_PENDING = 1000;
export const PENDING_TTL_MS = 10 * 60 * 1000;

/** Operations this server runs asynchronously when the client allows it. */
export const ASYNC_OPERATIONS: ReadonlySet<number> = new Set([Operation.Locate, Operation.Archive, Operation.Recover]);

export interface PendingRequest {
  item: RequestBatchItem;
  version: ProtocolVersion;
  principal: string;
  tenant: string;
  idPlaceholder: string | undefined;
  createdMs: number;
}

export class AsyncRegistry {
  private readonly pending = new Map<string, PendingRequest>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Keep a request; returns its Asynchronous Correlation Value. */
  add(req: Omit<PendingRequest, 'createdMs'>): Buffer {
    this.expire();
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    const cv = randomBytes(16);
    this.pending.set(cv.toString('hex'), { ...req, createdMs: this.nowMs() });
    return cv;
  }

  /** Remove and return the request with this value, if it is the caller's and still kept. */
  take(cv: Buffer, principal: string, tenant: string): PendingRequest | undefined {
    this.expire();
    const key = cv.toString('hex');
    const p = this.pending.get(key);
    if (!p || p.principal !== principal || p.tenant !== tenant) return undefined;
    this.pending.delete(key);
    return p;
  }

  get size(): number {
    return this.pending.size;
  }

  private expire(): void {
    const limit = this.nowMs() - PENDING_TTL_MS;
    // Insertion order is age order: stop at the first one still young enough.
    for (const [k, p] of this.pending) {
      if (p.createdMs >= limit) break;
      this.pending.delete(k);
    }
  }
}

/** Does the request header let the server answer asynchronously? */
export function asyncAllowed(header: Pick<RequestHeader, 'asynchronousIndicator'>): boolean {
  const ai = header.asynchronousIndicator;
  return ai === true || ai === AsynchronousIndicator.Optional || ai === AsynchronousIndicator.Mandatory;
}

/** The Operation Pending answer for a kept request. */
export function pendingItem(item: RequestBatchItem, cv: Buffer): ResponseBatchItem {
  return { operation: item.operation, uniqueBatchItemId: item.uniqueBatchItemId, resultStatus: ResultStatus.OperationPending, asynchronousCorrelationValue: cv };
}

/** The Asynchronous Correlation Value of a Poll or Cancel payload, when it is a Byte String. */
export function requestCorrelationValue(item: RequestBatchItem): Buffer | undefined {
  const v = item.payload ? child(item.payload, Tag.AsynchronousCorrelationValue) : undefined;
  return v?.type === ItemType.ByteString ? v.value : undefined;
}

/** Cancel of a request that had not started: Canceled, with the value echoed. */
export function canceledItem(item: RequestBatchItem, cv: Buffer): ResponseBatchItem {
  return {
    operation: item.operation,
    uniqueBatchItemId: item.uniqueBatchItemId,
    resultStatus: ResultStatus.Success,
    payload: [T.bytes(Tag.AsynchronousCorrelationValue, cv), T.enum(Tag.CancellationResult, CancellationResult.Canceled)],
  };
}

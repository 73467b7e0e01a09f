/**
 * The batch runner: executes the batch items of one request, in order, and maps every outcome to a
 * response batch item.
 *
 *  - ID Placeholder (1.4 §3.1.1/§4 intro): carried between items in OperationContext.idPlaceholder,
 *    replaced by each OperationResult.idPlaceholder.
 *  - Batch Error Continuation Option (1.4 §6.13 and Table 366):
 *      Stop (default): the failed item is returned, items not processed are NOT returned;
 *      Continue: every item is processed and returned;
 *      Undo: the store journal of the batch is rolled back, items processed before the failure are
 *            returned with Result Status Operation Undone (payload kept), the failed item is returned,
 *            items not processed are not returned.
 *  - Maximum Response Size (1.4 §6.3): an item whose answer would make the message larger than the
 *    client accepts is replaced by a Response Too Large failure, and that counts as its failure for the
 *    continuation option. The message itself is therefore never over the limit, unless the limit is
 *    smaller than a header plus one failure item (then the smallest possible answer is sent).
 *  - Asynchronous Indicator: the server decides which operations run asynchronously (1.4 §6.7, 2.1
 *    §7 / Table 431). With an async registry (BatchDeps.asyncRequests), Locate, Archive and Recover are
 *    answered Operation Pending when the client allows it (1.x True, 2.x Optional/Mandatory) and run when
 *    polled; Poll and Cancel of those values are answered here (async-requests.ts). Other operations run
 *    synchronously; under 2.x Mandatory (which demands an asynchronous answer) they fail with Feature Not
 *    Supported, as every item does when there is no registry.
 *  - Batch Order Option: accepted and ignored; items always run in order.
 *  - Errors: KmipError -> Operation Failed + its reason; TtlvError -> Invalid Message; an operation the
 *    table lacks, or one newer than the request's version -> Operation Not Supported; anything else ->
 *    General Failure with a generic message (the error itself is logged, never sent).
 */
import { BatchErrorContinuationOption, Operation, ResultReason, ResultStatus } from '../kmip/enums';
import { encodedTtlvSize } from '../ttlv/binary-writer';
import { TtlvError } from '../ttlv/errors';
import type { OperationContext, OperationHandler, OperationOptions } from '../operations/types';
import type { ObjectStore, Journal } from '../store/port';
import { StoreError } from '../store/errors';
import type { CryptoProvider } from '../crypto/port';
import { KmipError } from './errors';
import type { RequestBatchItem, RequestMessage } from './request';
import { responseBatchItemItem, type ResponseBatchItem } from './response';
import { gateItem } from './version-gate';
import { compareVersions, versionKey, type ProtocolVersion } from './version';
import { enumValueDefinedIn } from './spec-index';
import type { BatchAudit } from '../audit/batch';
import type { OperationAuthorizer } from '../auth/port';
import { ASYNC_OPERATIONS, asyncAllowed, canceledItem, pendingItem, requestCorrelationValue, type AsyncRegistry } from './async-requests';

/** The subset of a winston logger the message layer uses. */
export interface MessageLogger {
  error(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  debug(message: string, meta?: Record<string, unknown>): unknown;
}

/** Who sent the request (from the TLS client certificate). */
export interface MessagePeer {
  principal: string;
  tenant: string;
  remoteAddress?: string;
  /** SHA-256 of the client certificate (audit trail). */
  fingerprint?: string;
  /** Access control for this principal (src/auth); absent = every object of the tenant. */
  authorize?: OperationAuthorizer;
}

export interface BatchDeps {
  operations: ReadonlyMap<number, OperationHandler>;
  store: ObjectStore;
  crypto: CryptoProvider;
  /** Options for this client (activateOnCreate may differ per identity). */
  optionsFor(peer: MessagePeer): OperationOptions;
  now(): Date;
  logger?: MessageLogger;
  /** Requests answered Operation Pending, waiting for Poll or Cancel; absent = everything is synchronous. */
  asyncRequests?: AsyncRegistry;
  /** Audit trail (src/audit): records each item before its answer is released; throws = refuse the item. */
  audit?: BatchAudit;
}

/** 2.x Asynchronous Indicator enumeration value "Mandatory" (2.1 Table 432). */
const ASYNC_MANDATORY = 1;

export interface BatchBudget {
  /** Bytes left for batch items within Maximum Response Size; undefined = no limit. */
  bytes?: number;
}

export function failureItem(item: Pick<RequestBatchItem, 'operation' | 'uniqueBatchItemId'>, reason: number, message: string): ResponseBatchItem {
  return {
    operation: item.operation,
    uniqueBatchItemId: item.uniqueBatchItemId,
    resultStatus: ResultStatus.OperationFailed,
    resultReason: reason,
    resultMessage: message,
  };
}

/** The one mapper from a thrown value to a failed batch item. */
export function errorToItem(item: RequestBatchItem, err: unknown, logger?: MessageLogger): ResponseBatchItem {
  if (err instanceof KmipError) return failureItem(item, err.reason, err.message);
  if (err instanceof TtlvError) return failureItem(item, ResultReason.InvalidMessage, `request payload could not be parsed: ${err.message}`);
  // A Destroy answered while this request ran: its change is refused (erasure is final), not an internal error.
  if (err instanceof StoreError && err.code === 'erased') return failureItem(item, ResultReason.GeneralFailure, err.message);
  logger?.error('operation failed with an unexpected error', { operation: item.operation, error: err });
  return failureItem(item, ResultReason.GeneralFailure, 'internal server error');
}

const OPERATION_NAMES = new Map<number, string>(Object.entries(Operation).map(([k, v]) => [v as number, k]));

/** "Encrypt (0x1F)" for messages. */
export function operationLabel(op: number): string {
  return `${OPERATION_NAMES.get(op) ?? 'operation'} (0x${op.toString(16).toUpperCase()})`;
}

function handlerFor(item: RequestBatchItem, version: ProtocolVersion, deps: BatchDeps): OperationHandler {
  const op = item.operation!;
  const handler = deps.operations.get(op);
  if (!handler) throw new KmipError(ResultReason.OperationNotSupported, `${operationLabel(op)} is not supported by this server`);
  const definedInVersion = op >= 0x80000000 || enumValueDefinedIn('Operation', op, versionKey(version));
  if (compareVersions(handler.since, version) > 0 || !definedInVersion) {
    throw new KmipError(
      ResultReason.OperationNotSupported,
      `${operationLabel(op)} is not defined in KMIP ${versionKey(version)}`,
    );
  }
  return handler;
}

/** How the request lets the server answer: synchronously only, asynchronously if it likes, or asynchronously only. */
type AsyncMode = 'sync' | 'allowed' | 'mandatory';

async function runOne(item: RequestBatchItem, ctx: OperationContext, deps: BatchDeps, mode: AsyncMode): Promise<ResponseBatchItem> {
  if (item.error) return errorToItem(item, item.error, deps.logger);
  const registry = deps.asyncRequests;
  if (registry && item.operation !== undefined) {
    if (mode !== 'sync' && ASYNC_OPERATIONS.has(item.operation)) {
      try {
        handlerFor(item, ctx.version, deps); // unsupported or undefined in this version: fail now, not at Poll
      } catch (err) {
        return errorToItem(item, err, deps.logger);
      }
      const cv = registry.add({ item, version: ctx.version, principal: ctx.principal, tenant: ctx.tenant, idPlaceholder: ctx.idPlaceholder });
      return pendingItem(item, cv);
    }
    if (item.operation === Operation.Poll || item.operation === Operation.Cancel) {
      const cv = requestCorrelationValue(item);
      const kept = cv ? registry.take(cv, ctx.principal, ctx.tenant) : undefined;
      if (cv && kept) {
        if (item.operation === Operation.Cancel) return canceledItem(item, cv);
        // The kept request runs now; the answer is its own (its Operation), under the Poll's batch item ID.
        // Authorized and audited as the kept operation; with an audit trail, undone with the Poll item on failure.
        const pollCtx: OperationContext = {
          ...ctx,
          version: kept.version,
          idPlaceholder: kept.idPlaceholder,
          journal: deps.audit ? ctx.journal : undefined,
          operation: kept.item.operation,
        };
        return { ...(await execute(kept.item, pollCtx, deps)), uniqueBatchItemId: item.uniqueBatchItemId };
      }
      // Unknown or expired values: the Poll/Cancel handlers answer as for any unknown value.
    }
  }
  if (mode === 'mandatory') {
    return failureItem(item, ResultReason.FeatureNotSupported, 'this operation is not processed asynchronously; send Asynchronous Indicator Optional or Prohibited');
  }
  return execute(item, ctx, deps);
}

async function execute(item: RequestBatchItem, ctx: OperationContext, deps: BatchDeps): Promise<ResponseBatchItem> {
  try {
    const handler = handlerFor(item, ctx.version, deps);
    const result = await handler.handle(item.payload!, ctx);
    if (result.idPlaceholder !== undefined) ctx.idPlaceholder = result.idPlaceholder;
    return {
      operation: item.operation,
      uniqueBatchItemId: item.uniqueBatchItemId,
      resultStatus: ResultStatus.Success,
      payload: result.payload,
      release: result.release,
    };
  } catch (err) {
    return errorToItem(item, err, deps.logger);
  }
}

/** A pending answer that will not be sent (or was undone): its kept request is withdrawn. */
function forgetPending(res: ResponseBatchItem, ctx: OperationContext, deps: BatchDeps): void {
  if (res.resultStatus === ResultStatus.OperationPending && res.asynchronousCorrelationValue) {
    deps.asyncRequests?.take(res.asynchronousCorrelationValue, ctx.principal, ctx.tenant);
  }
}

/**
 * Fail closed: persist the item's audit record (same group commit as its writes) before its answer can be
 * released. When that fails, the item's writes are undone through its journal and it answers General
 * Failure (see src/audit/batch.ts for why the record follows execution).
 */
function auditItem(
  item: RequestBatchItem,
  res: ResponseBatchItem,
  a: { peer: MessagePeer; version: ProtocolVersion; placeholder?: string; startedAt: Date; t0: bigint; ctx: OperationContext; deps: BatchDeps; changedNothing: boolean },
): ResponseBatchItem {
  try {
    a.deps.audit!({
      principal: a.peer.principal,
      fingerprint: a.peer.fingerprint,
      remoteAddress: a.peer.remoteAddress,
      version: a.version,
      operation: item.operation,
      requestPayload: item.payload,
      responsePayload: res.payload,
      placeholder: a.placeholder,
      resultStatus: res.resultStatus,
      resultReason: res.resultReason,
      resultMessage: res.resultMessage,
      startedAt: a.startedAt,
      changedNothing: a.changedNothing,
      durationUs: Number((process.hrtime.bigint() - a.t0) / 1000n),
    });
    return res;
  } catch (err) {
    a.deps.logger?.error('audit record could not be written: operation refused', { operation: item.operation, error: err });
    try {
      a.ctx.journal?.rollback();
    } catch (undoErr) {
      a.deps.logger?.error('undo after an audit failure failed', { error: undoErr });
    }
    a.ctx.idPlaceholder = a.placeholder;
    res.release?.();
    forgetPending(res, a.ctx, a.deps);
    return failureItem(item, ResultReason.GeneralFailure, 'the audit trail could not be written; the operation was not performed');
  }
}

/** Encoded size of a response batch item as it will be sent in `version`. */
export function responseItemSize(item: ResponseBatchItem, version: ProtocolVersion): number {
  const gated = gateItem(responseBatchItemItem(item), version);
  return gated ? encodedTtlvSize(gated) : 0;
}

export async function runBatch(
  req: RequestMessage,
  version: ProtocolVersion,
  peer: MessagePeer,
  deps: BatchDeps,
  budget: BatchBudget = {},
): Promise<ResponseBatchItem[]> {
  const option = req.header.batchErrorContinuationOption ?? BatchErrorContinuationOption.Stop;
  // With an audit trail every item gets its own journal, so that an item whose audit record cannot be
  // written is undone alone; Undo then rolls the items' journals back, newest first.
  const itemJournals: Journal[] = [];
  const journal: Journal | undefined =
    option !== BatchErrorContinuationOption.Undo
      ? undefined
      : deps.audit
        ? { rollback: () => [...itemJournals].reverse().forEach((j) => j.rollback()) }
        : deps.store.journal();
  const mode: AsyncMode = req.header.asynchronousIndicator === ASYNC_MANDATORY ? 'mandatory' : asyncAllowed(req.header) ? 'allowed' : 'sync';
  const ctx: OperationContext = {
    version,
    principal: peer.principal,
    tenant: peer.tenant,
    fingerprint: peer.fingerprint,
    idPlaceholder: undefined,
    journal,
    store: deps.store,
    crypto: deps.crypto,
    now: deps.now,
    authorize: peer.authorize,
    options: { ...deps.optionsFor(peer), asynchronous: deps.asyncRequests !== undefined },
  };
  const out: ResponseBatchItem[] = [];
  let left = budget.bytes;
  for (const item of req.batchItems) {
    ctx.operation = item.operation;
    const placeholder = ctx.idPlaceholder;
    const startedAt = deps.now();
    const t0 = process.hrtime.bigint();
    if (deps.audit) {
      ctx.journal = deps.store.journal();
      if (journal) itemJournals.push(ctx.journal);
    }
    const markBefore = deps.store.writeMark();
    let res = await runOne(item, ctx, deps, mode);
    // Any write by anybody while this item ran counts as a change here: conservative, never too few syncs.
    const changedNothing = deps.store.writeMark() === markBefore;
    if (!changedNothing) ctx.batchWrote = true;
    if (left !== undefined) {
      const size = responseItemSize(res, version);
      if (size > left) {
        res.release?.();
        forgetPending(res, ctx, deps);
        res = failureItem(item, ResultReason.ResponseTooLarge, `the response would exceed the Maximum Response Size of the request`);
      }
      left -= responseItemSize(res, version);
    }
    if (deps.audit) res = auditItem(item, res, { peer, version, placeholder, startedAt, t0, ctx, deps, changedNothing });
    out.push(res);
    // Operation Pending is not a failure: the item was accepted and will run when polled.
    if (res.resultStatus === ResultStatus.Success || res.resultStatus === ResultStatus.OperationPending) continue;
    if (option === BatchErrorContinuationOption.Continue) continue;
    if (option === BatchErrorContinuationOption.Undo && journal) {
      try {
        journal.rollback();
      } catch (err) {
        // The undo itself failed: do not claim the earlier items were undone.
        deps.logger?.error('batch undo failed', { error: err });
        break;
      }
      for (let i = 0; i < out.length - 1; i++) {
        if (out[i].resultStatus === ResultStatus.OperationPending) {
          // Never started: it is withdrawn, and undone like the rest of the batch.
          forgetPending(out[i], ctx, deps);
          out[i] = { operation: out[i].operation, uniqueBatchItemId: out[i].uniqueBatchItemId, resultStatus: ResultStatus.OperationUndone };
        } else if (out[i].resultStatus === ResultStatus.Success) {
          // The item's payload stays: it reports what was done before the undo (KMIP 2.1 BL-M-2-21 shows
          // Operation Undone items with their Response Payload; only a failure has none).
          out[i] = { ...out[i], resultStatus: ResultStatus.OperationUndone };
        }
      }
    }
    break; // Stop and Undo: items not processed are not returned (1.4 Table 366).
  }
  return out;
}

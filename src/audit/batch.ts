/**
 * From one executed batch item to its audit event. The batch runner (src/message/batch-runner.ts) calls
 * BatchAudit.record for every item after executing it and before the answer can be released:
 *
 * Fail-closed design (chosen: record after execution, inside the same group-commit transaction):
 *  - the record is a write of the store's current group (SqlHost.groupWrite), so it commits and is fsynced
 *    together with the item's own writes; the handler answers only after store.durable();
 *  - when the insert throws (disk full, table unwritable...), the batch runner rolls the item's writes back
 *    through the item's store journal, zeroes any key material of the answer (OperationResult.release),
 *    and answers the item General Failure: the client learns nothing and nothing it did persists.
 * Why not a pre-record before execution plus an update afterwards: an update rewrites a chained record
 * (its hash), and a crash between the two leaves a record claiming an outcome that never happened.
 */
import { Operation, ResultReason, ResultStatus } from '../kmip/enums';
import type { TtlvItem } from '../ttlv/item';
import type { AuditTrail } from './trail';
import type { AuditEvent } from './record';
import { objectIdentifiers } from './objects';

const nameOf = (table: Record<string, number>) => {
  const m = new Map<number, string>(Object.entries(table).map(([k, v]) => [v, k]));
  return (v: number | undefined): string => (v === undefined ? '' : m.get(v) ?? `0x${v.toString(16).toUpperCase()}`);
};
export const operationNameOf = nameOf(Operation as unknown as Record<string, number>);
export const resultStatusNameOf = nameOf(ResultStatus as unknown as Record<string, number>);
export const resultReasonNameOf = nameOf(ResultReason as unknown as Record<string, number>);

/** What the batch runner knows about one item once it has run. */
export interface ItemAuditFacts {
  principal: string;
  fingerprint?: string;
  remoteAddress?: string;
  version: { major: number; minor: number };
  operation?: number;
  requestPayload?: TtlvItem;
  responsePayload?: TtlvItem[];
  /** ID Placeholder before the item ran (the object it acted on when the request named none). */
  placeholder?: string;
  resultStatus: number;
  resultReason?: number;
  resultMessage?: string;
  startedAt: Date;
  durationUs: number;
  /** No store write happened while the item ran (a read, or a failure): see AuditTrail.append. */
  changedNothing?: boolean;
}

export function eventOfItem(f: ItemAuditFacts): AuditEvent {
  const named = objectIdentifiers(f.requestPayload, f.responsePayload);
  if (named.length === 0 && f.placeholder !== undefined) named.push(f.placeholder);
  return {
    time: f.startedAt.toISOString(),
    source: 'kmip',
    principal: f.principal,
    fingerprint: f.fingerprint ?? '',
    address: f.remoteAddress ?? '',
    version: `${f.version.major}.${f.version.minor}`,
    operation: f.operation === undefined ? '' : operationNameOf(f.operation),
    objects: named,
    status: resultStatusNameOf(f.resultStatus),
    reason: f.resultStatus === ResultStatus.Success ? '' : resultReasonNameOf(f.resultReason),
    message: f.resultStatus === ResultStatus.Success ? '' : f.resultMessage ?? '',
    durationUs: f.durationUs,
  };
}

/** The hook BatchDeps.audit points at: persist one item's record or throw. */
export type BatchAudit = (facts: ItemAuditFacts) => void;

/**
 * durableReads: the record of an item that changed nothing is fsynced before the answer too (strictest;
 * costs a disk flush per read). Otherwise it is committed to the WAL before the answer (a process crash
 * cannot lose it) and fsynced within audit.readFlushDelayMs (default 10 ms), with the flushes of other reads.
 */
export function batchAuditOf(trail: AuditTrail, opts: { durableReads?: boolean } = {}): BatchAudit {
  return (facts) => {
    trail.append(eventOfItem(facts), { changedNothing: facts.changedNothing === true && !opts.durableReads });
  };
}

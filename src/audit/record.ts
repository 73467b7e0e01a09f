/**
 * One audit record and its place in the hash chain. The hash covers the previous record's hash and a
 * canonical JSON rendering of every field except the storage sequence number: a record moved to another
 * position keeps a valid hash of its own but no longer links to its new predecessor, which is how
 * `audit verify` tells reordering from alteration. Key material never enters a record: only identifiers,
 * operation names, result status/reason and the server's own error message.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';

const oneShot = (nodeCrypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** kmip: a client's request; cli: an operator's command; server: the server on its own (automatic rotation). */
export type AuditSource = 'kmip' | 'cli' | 'server';

export interface AuditEvent {
  /** ISO 8601 UTC with milliseconds. */
  time: string;
  source: AuditSource;
  principal: string;
  /** SHA-256 of the client certificate (KMIP) or "" (CLI). */
  fingerprint: string;
  /** Client address (KMIP) or "local" (CLI). */
  address: string;
  /** Protocol version "1.4" (KMIP) or "" (CLI). */
  version: string;
  /** Operation name, e.g. "Get", or a CLI action such as "cli:access-grant". */
  operation: string;
  /** Unique Identifiers the item named or produced. */
  objects: string[];
  /** Result Status name: Success, OperationFailed, OperationPending, OperationUndone. */
  status: string;
  /** Result Reason name when not Success, else "". */
  reason: string;
  message: string;
  durationUs: number;
}

export interface AuditRecord extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const MAX_MESSAGE = 512;
/** Identifiers kept per record (a Locate may answer thousands). */
export const MAX_AUDIT_OBJECTS = 64;

/** Bound the free-text and list fields so a record stays small whatever the request was. */
export function normalizeEvent(e: AuditEvent): AuditEvent {
  // Every field named (not `...e`): one object shape for every record, and a spread of the caller's object
  // was the most expensive line of the audit path in a Get profile.
  return {
    time: e.time,
    source: e.source,
    principal: e.principal,
    fingerprint: e.fingerprint,
    address: e.address,
    version: e.version,
    operation: e.operation,
    objects: e.objects.slice(0, MAX_AUDIT_OBJECTS),
    status: e.status,
    reason: e.reason,
    message: e.message.length > MAX_MESSAGE ? e.message.slice(0, MAX_MESSAGE) + '…' : e.message,
    durationUs: Math.max(0, Math.round(e.durationUs)),
  };
}

/** A chained record of a normalized event, built field by field (see normalizeEvent). */
export function chainedRecord(e: AuditEvent, seq: number, prevHash: string, hash: string): AuditRecord {
  return {
    time: e.time,
    source: e.source,
    principal: e.principal,
    fingerprint: e.fingerprint,
    address: e.address,
    version: e.version,
    operation: e.operation,
    objects: e.objects,
    status: e.status,
    reason: e.reason,
    message: e.message,
    durationUs: e.durationUs,
    seq,
    prevHash,
    hash,
  };
}

/** Fixed field order, so the same record always hashes the same. */
export function canonical(e: AuditEvent): string {
  return JSON.stringify([
    e.time, e.source, e.principal, e.fingerprint, e.address, e.version, e.operation, e.objects, e.status, e.reason, e.message, e.durationUs,
  ]);
}

export function chainHash(prevHash: string, e: AuditEvent): string {
  const text = `${prevHash}\n${canonical(e)}`;
  // crypto.hash (Node >= 20.12) is the one-shot form, about half the cost of a Hash object per record.
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

/**
 * How record r fails to follow, in the chain, the record numbered expectedSeq - 1 whose hash is prevHash:
 * its own content does not match its hash ('altered'), it has another number ('misplaced'), or it links
 * to another predecessor ('unlinked'). undefined when it follows. Checked in that order.
 */
export function linkFault(r: AuditRecord, expectedSeq: number, prevHash: string): 'altered' | 'misplaced' | 'unlinked' | undefined {
  if (chainHash(r.prevHash, r) !== r.hash) return 'altered';
  if (r.seq !== expectedSeq) return 'misplaced';
  if (r.prevHash !== prevHash) return 'unlinked';
  return undefined;
}

export function checkpointMac(key: Buffer, seq: number, hash: string, time: string): string {
  return createHmac('sha256', key).update(`tumbler-audit-checkpoint\n${seq}\n${hash}\n${time}`).digest('hex');
}

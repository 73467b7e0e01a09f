/**
 * Login tickets (KMIP 2.0+, Login/Logout): a random 32-byte Ticket Value bound to the principal and tenant
 * that logged in, valid for a lease time and/or a number of requests. Only a SHA-256 of the value is kept.
 * Tickets live in memory, one registry per object store (i.e. per server), so a restart logs everyone out;
 * the registry is bounded (MAX_TICKETS).
 *
 * A ticket is also bound to the certificate that logged in (its fingerprint): a request that presents it in a
 * Ticket credential (src/auth/credentials.ts, through `redeemTicket`, which counts one use) must come with the
 * same certificate and then acts as the principal that logged in, e.g. an account whose password Login checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ObjectStore } from '../store/port';

export const MAX_TICKETS = 10_000;
/** Lease of a ticket when the Login names none (or 0): one hour. */
export const DEFAULT_TICKET_SECONDS = 3600;
/** Longest lease granted: one day. */
export const MAX_TICKET_SECONDS = 86_400;

interface TicketRecord {
  principal: string;
  tenant: string;
  /** SHA-256 of the certificate that logged in ('' when unknown). */
  fingerprint: string;
  /** Seconds since the epoch. */
  expires: bigint;
  /** Requests left; undefined = unlimited within the lease. */
  remaining: number | undefined;
}

const registries = new WeakMap<ObjectStore, Map<string, TicketRecord>>();

function registry(store: ObjectStore): Map<string, TicketRecord> {
  let r = registries.get(store);
  if (!r) {
    r = new Map();
    registries.set(store, r);
  }
  return r;
}

const keyOf = (value: Buffer): string => createHash('sha256').update(value).digest('hex');

function prune(r: Map<string, TicketRecord>, now: bigint): void {
  for (const [k, t] of r) if (t.expires <= now || t.remaining === 0) r.delete(k);
}

export interface TicketRequest {
  principal: string;
  tenant: string;
  fingerprint?: string;
  now: bigint;
  leaseSeconds?: number;
  requestCount?: number;
}

/** A new ticket value, or undefined when the registry is full of live tickets. */
export function issueTicket(store: ObjectStore, req: TicketRequest): Buffer | undefined {
  const r = registry(store);
  if (r.size >= MAX_TICKETS) prune(r, req.now);
  if (r.size >= MAX_TICKETS) return undefined;
  const lease = req.leaseSeconds && req.leaseSeconds > 0 ? Math.min(req.leaseSeconds, MAX_TICKET_SECONDS) : DEFAULT_TICKET_SECONDS;
  const value = randomBytes(32);
  r.set(keyOf(value), { principal: req.principal, tenant: req.tenant, fingerprint: req.fingerprint ?? '', expires: req.now + BigInt(lease), remaining: req.requestCount });
  return value;
}

/**
 * A presented ticket, for a request over the certificate `holder.fingerprint` in `holder.tenant`: who it acts
 * as, counting one request; undefined when unknown, expired, spent, or issued to another certificate or tenant.
 */
export function redeemTicket(
  store: ObjectStore, value: Buffer, holder: { tenant: string; fingerprint?: string }, now: bigint,
): { principal: string; tenant: string } | undefined {
  const r = registry(store);
  const k = keyOf(value);
  const t = r.get(k);
  if (!t || t.expires <= now || t.remaining === 0) {
    if (t) r.delete(k);
    return undefined;
  }
  // Looked up by a hash of the value, so the comparisons below reveal nothing about other tickets.
  if (t.tenant !== holder.tenant || t.fingerprint !== (holder.fingerprint ?? '')) return undefined;
  if (t.remaining !== undefined) t.remaining -= 1;
  return { principal: t.principal, tenant: t.tenant };
}

/** Invalidate a ticket of this principal; false when there is no such live ticket. */
export function revokeTicket(store: ObjectStore, value: Buffer, principal: string, tenant: string): boolean {
  const r = registry(store);
  const k = keyOf(value);
  const t = r.get(k);
  if (!t || t.principal !== principal || t.tenant !== tenant) return false;
  r.delete(k);
  return true;
}

/**
 * Credentials in the request header (KMIP 1.4 §2.1.2, 2.1 §2.1.2): a Username and Password or a Device
 * credential that names an account (accounts.ts) makes the request act as that account instead of the
 * certificate's principal. The TLS client certificate is still required and still recorded (fingerprint),
 * and the account stays in the certificate's tenant, so a password never widens what a connection reaches
 * beyond its tenant. Modes (`auth.credentials`):
 *  - verify (default): a credential naming an account must carry its password, or every item of the
 *    request fails with Authentication Not Successful. A credential naming no account is ignored (many
 *    clients send fixed or empty credentials) and the certificate's principal acts;
 *  - require: every request must carry a credential of an account and its password;
 *  - ignore: credentials are never looked at.
 * A Ticket credential (2.0+) carries a ticket from Login: it acts as the principal that logged in, over the
 * certificate that logged in (operations/tickets.ts); any other ticket fails the request with Invalid Ticket.
 * In require mode only tickets of accounts count.
 * Checking a password costs an scrypt derivation on the thread pool (at most two at a time); a password
 * already accepted for an unchanged account is recognised by an HMAC under a per-process random key, so a
 * client that sends its credential with every request pays the derivation once.
 * Guessing is slowed per account and certificate: after FREE_FAILURES wrong passwords in a row, that
 * certificate's attempts for that account are refused without a check for a delay that doubles with each
 * further failure (1 s up to 15 min). Only the certificate that failed is held back, so a client cannot lock
 * another client out of an account.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialType, Operation, ResultReason, TicketType } from '../kmip/enums';
import { accountOf, accountPrincipal, type AccountKind, type AccountStore } from './accounts';
import type { AuthorizedPeer } from './peer';
import type { OperationAuthorizer } from './port';
import type { IdentityFacts, Subject } from './policy';
import { verifyPassword } from './passwords';

export type CredentialMode = 'verify' | 'require' | 'ignore';
export const CREDENTIAL_MODES: readonly CredentialMode[] = ['verify', 'require', 'ignore'];

/** The fields of a decoded Credential this module reads (src/message/request.ts Credential). */
export interface CredentialFacts {
  type: number;
  username?: string;
  password?: string;
  deviceIdentifier?: string;
  deviceSerialNumber?: string;
  ticketType?: number;
  ticketValue?: Buffer;
}

/** Redeems a Login ticket presented by `peer` (counting one use): the principal it acts as, or undefined. */
export type TicketRedeemer = (value: Buffer, peer: AuthorizedPeer) => { principal: string } | undefined;

/** What the authenticator needs of access control. */
export interface SubjectSource {
  subjectFor(id: IdentityFacts): Subject;
  authorizerFor(subject: Subject): OperationAuthorizer;
}

/**
 * A refusal's reason is Authentication Not Successful unless `reason` says otherwise (Invalid Ticket).
 * `allows`: operations that may still run, as the certificate's principal, in the refused request.
 */
export type Authentication = { ok: true; peer: AuthorizedPeer } | { ok: false; message: string; reason?: number; allows?: ReadonlySet<number> };

/**
 * What a request without any account credential may still do in require mode: Query and Discover Versions
 * reveal nothing about objects (every role allows them), and health checks and client start-ups use them.
 */
export const WITHOUT_ACCOUNT: ReadonlySet<number> = new Set([Operation.Query, Operation.DiscoverVersions]);

/** Most accepted passwords remembered (per account). */
const REMEMBERED = 10_000;
/** scrypt derivations at a time (each takes a thread-pool thread and 32 MiB). */
const CONCURRENT_CHECKS = 2;
/** Credentials looked at in one request; more fail it. */
export const MAX_CREDENTIALS = 8;
/** Wrong passwords in a row (per account and certificate) before attempts are held back. */
export const FREE_FAILURES = 5;
/** Longest hold after repeated failures. */
export const MAX_HOLD_MS = 15 * 60_000;

/** Sets k in a bounded map, as its newest entry (the oldest goes when full). */
function remember<V>(m: Map<string, V>, k: string, v: V): void {
  m.delete(k);
  if (m.size >= REMEMBERED) m.delete(m.keys().next().value as string);
  m.set(k, v);
}

/** The account a credential names, if it is of a kind accounts exist for. */
function named(c: CredentialFacts): { kind: AccountKind; name: string } | undefined {
  if (c.type === CredentialType.UsernameAndPassword && c.username) return { kind: 'user', name: c.username };
  if (c.type === CredentialType.Device) {
    const name = c.deviceIdentifier || c.deviceSerialNumber;
    if (name) return { kind: 'device', name };
  }
  return undefined;
}

export class CredentialAuthenticator {
  private readonly macKey = randomBytes(32);
  private readonly accepted = new Map<string, { hash: string; mac: Buffer }>();
  /** Failures in a row by account and certificate, and until when attempts are refused unchecked. */
  private readonly failures = new Map<string, { count: number; until: number }>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly accounts: AccountStore,
    private readonly access: SubjectSource,
    readonly mode: CredentialMode = 'verify',
    private readonly tickets?: TicketRedeemer,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Synchronous when nothing needs a password check (no credential, no account). */
  authenticate(creds: readonly CredentialFacts[] | undefined, peer: AuthorizedPeer): Authentication | Promise<Authentication> {
    if (this.mode === 'ignore' || (creds === undefined && this.mode === 'verify')) return { ok: true, peer };
    const fail = (message: string): Authentication => ({ ok: false, message });
    // Each credential costs an account lookup: a request does not get to send thousands.
    if (creds && creds.length > MAX_CREDENTIALS) return fail(`more than ${MAX_CREDENTIALS} credentials in one request`);
    const ticket = creds?.find((c) => c.type === CredentialType.Ticket);
    if (ticket) return this.byTicket(ticket, peer);
    const claims = (creds ?? []).map((c) => ({ c, id: named(c) })).filter((x) => x.id !== undefined);
    if (claims.length === 0 || (this.mode === 'verify' && this.accounts.empty())) {
      if (this.mode !== 'require') return { ok: true, peer };
      return { ok: false, message: 'this server requires a Username and Password or Device credential of an account', allows: WITHOUT_ACCOUNT };
    }
    let found: { c: CredentialFacts; kind: AccountKind; name: string; hash: string } | undefined;
    for (const { c, id } of claims) {
      const account = this.accounts.get(id!.kind, id!.name);
      if (!account) continue;
      if (found) return fail('the request names more than one account');
      found = { c, kind: id!.kind, name: id!.name, hash: account.hash };
    }
    if (!found) return this.mode === 'require' ? fail('credential not accepted') : { ok: true, peer };
    return this.accountPeer(found, peer);
  }

  private async accountPeer(found: { c: CredentialFacts; kind: AccountKind; name: string; hash: string }, peer: AuthorizedPeer): Promise<Authentication> {
    const principal = accountPrincipal(found.kind, found.name);
    if (!(await this.check(principal, found.c.password, found.hash, peer.fingerprint ?? ''))) return { ok: false, message: 'credential not accepted' };
    return { ok: true, peer: this.actingAs(principal, peer) };
  }

  private byTicket(c: CredentialFacts, peer: AuthorizedPeer): Authentication {
    const invalid: Authentication = { ok: false, message: 'the ticket is not valid for this client', reason: ResultReason.InvalidTicket };
    if (!this.tickets || c.ticketType !== TicketType.Login || !c.ticketValue) return invalid;
    const t = this.tickets(c.ticketValue, peer);
    if (!t) return invalid;
    if (t.principal === peer.principal) return this.mode === 'require' ? invalid : { ok: true, peer };
    // An account removed since its Login no longer acts, whatever its tickets say.
    const account = accountOf(t.principal);
    if (account && !this.accounts.get(account.kind, account.name)) return invalid;
    return { ok: true, peer: this.actingAs(t.principal, peer) };
  }

  /** The peer of an account (or the principal an account's ticket names), in the certificate's tenant. */
  private actingAs(principal: string, peer: AuthorizedPeer): AuthorizedPeer {
    const subject: Subject = { ...this.access.subjectFor({ principal }), tenant: peer.tenant };
    return { principal, tenant: peer.tenant, remoteAddress: peer.remoteAddress, fingerprint: peer.fingerprint, authorize: this.access.authorizerFor(subject) };
  }

  private async check(principal: string, password: string | undefined, hash: string, fingerprint: string): Promise<boolean> {
    if (password === undefined || password.length === 0) return false;
    // Held back first: the cache below must not become a fast way to test guesses.
    const who = `${principal}\u0000${fingerprint}`;
    const held = this.failures.get(who);
    if (held && held.until > this.clock()) return false;
    const mac = createHmac('sha256', this.macKey).update(password).digest();
    const known = this.accepted.get(principal);
    // The stored hash is part of the match, so a new password (or a re-created account) is checked afresh.
    if (known && known.hash === hash && timingSafeEqual(known.mac, mac)) {
      this.failures.delete(who);
      return true;
    }
    const ok = await this.limited(() => verifyPassword(password, hash));
    if (ok) {
      this.failures.delete(who);
      remember(this.accepted, principal, { hash, mac });
    } else {
      const count = (held?.count ?? 0) + 1;
      const hold = count <= FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (count - FREE_FAILURES - 1), MAX_HOLD_MS);
      remember(this.failures, who, { count, until: this.clock() + hold });
    }
    return ok;
  }

  private async limited<R>(fn: () => Promise<R>): Promise<R> {
    while (this.running >= CONCURRENT_CHECKS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

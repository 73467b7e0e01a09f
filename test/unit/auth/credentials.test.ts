/**
 * Accounts and request credentials: scrypt hashes, the authenticator's modes, Device credentials, the cache
 * of accepted passwords, and Permission Denied within a tenant (auth.hide = tenants). In-memory stores.
 */
import { CredentialType, Operation, ResultReason, TicketType } from '../../../src/kmip/enums';
import {
  AccessControl, CredentialAuthenticator, FREE_FAILURES, MAX_CREDENTIALS, MemoryAccountStore, MemoryGrantStore, checkAccountName, hashPassword, policyFromSection, verifyPassword,
  type AccountKind, type AuthorizedPeer, type Authentication, type CredentialMode,
} from '../../../src/auth';
import * as passwords from '../../../src/auth/passwords';

const CHEAP = { N: 1024, r: 8, p: 1 };
const section = { admins: ['admin'], groups: [], roles: ['reader=Get+Locate'], roleOf: ['user:ro=reader'], defaultRole: 'all', tenants: [] };

/** Tickets by hex value -> the principal that logged in and the certificate it logged in with. */
const TICKETS = new Map<string, { principal: string; fingerprint: string }>();
const redeem = (value: Buffer, peer: AuthorizedPeer) => {
  const t = TICKETS.get(value.toString('hex'));
  return t && t.fingerprint === peer.fingerprint ? { principal: t.principal } : undefined;
};

function setup(mode: CredentialMode = 'verify', hide: 'others' | 'tenants' = 'others', clock = { ms: 0 }) {
  const accounts = new MemoryAccountStore();
  const access = new AccessControl(policyFromSection({ ...section, hide }), new MemoryGrantStore());
  const auth = new CredentialAuthenticator(accounts, access, mode, redeem, () => clock.ms);
  const add = async (kind: AccountKind, name: string, pw: string) =>
    accounts.put({ kind, name, hash: await hashPassword(pw, CHEAP), createdAt: 't', createdBy: 'admin' });
  const admin = access.subjectFor({ principal: 'admin' });
  const peer: AuthorizedPeer = { principal: 'admin', tenant: 'acme', fingerprint: 'ab'.repeat(32), remoteAddress: '10.0.0.1', authorize: access.authorizerFor(admin) };
  return { accounts, access, auth, add, peer };
}

const user = (username: string, password?: string) => ({ type: CredentialType.UsernameAndPassword, username, password });
const ok = (a: Authentication) => {
  if (!a.ok) throw new Error(`refused: ${a.message}`);
  return a.peer;
};

describe('password hashes', () => {
  test('a hash verifies its password only, and two hashes of one password differ (salt)', async () => {
    const h = await hashPassword('s3cret', CHEAP);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('s3cret', h)).toBe(true);
    expect(await verifyPassword('s3cret ', h)).toBe(false);
    expect(await hashPassword('s3cret', CHEAP)).not.toBe(h);
  });
  test('malformed or absurd hashes never verify', async () => {
    const h = await hashPassword('pw', CHEAP);
    const parts = h.split('$');
    for (const bad of ['', 'plain', h.replace('scrypt', 'bcrypt'), [...parts.slice(0, 1), String(1 << 24), ...parts.slice(2)].join('$'), [...parts.slice(0, 5), 'AAAA'].join('$')]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
  test('empty and oversized passwords are refused', async () => {
    await expect(hashPassword('', CHEAP)).rejects.toThrow(/empty/);
    await expect(hashPassword('x'.repeat(1025), CHEAP)).rejects.toThrow(/longer/);
  });
  test('account names', () => {
    expect(() => checkAccountName('fred')).not.toThrow();
    for (const bad of ['', ' fred', 'fred ', 'a\nb', 'x'.repeat(257)]) expect(() => checkAccountName(bad)).toThrow();
  });
});

describe('CredentialAuthenticator (verify mode)', () => {
  test('no credential, or none naming an account: the certificate acts, answered without a promise', async () => {
    const { auth, add, peer } = setup();
    expect(auth.authenticate(undefined, peer)).toEqual({ ok: true, peer });
    expect(auth.authenticate([user('fred', 'x')], peer)).toEqual({ ok: true, peer }); // no accounts at all
    await add('user', 'fred', 'pw');
    expect(auth.authenticate([user('wilma', 'x')], peer)).toEqual({ ok: true, peer });
    expect(auth.authenticate([{ type: CredentialType.Attestation }], peer)).toEqual({ ok: true, peer });
  });

  test("a right password acts as the account, in the certificate's tenant, with the account's own rights", async () => {
    const { auth, add, peer } = setup();
    await add('user', 'fred', 'pw');
    const p = ok(await auth.authenticate([user('fred', 'pw')], peer));
    expect(p).toMatchObject({ principal: 'user:fred', tenant: 'acme', fingerprint: peer.fingerprint, remoteAddress: '10.0.0.1' });
    // admin's certificate, but the account is no admin: another owner's object is hidden from it.
    expect(p.authorize!.object(Operation.Get, { uid: 'k', owner: 'admin', tenant: 'acme' })).toMatchObject({ allow: false, hide: true });
    expect(p.authorize!.object(Operation.Get, { uid: 'k', owner: 'user:fred', tenant: 'acme' })).toEqual({ allow: true });
    await add('user', 'ro', 'pw');
    const ro = ok(await auth.authenticate([user('ro', 'pw')], peer));
    expect(ro.authorize!.operation(Operation.Create)).toMatchObject({ allow: false, hide: false });
  });

  test('a wrong, missing or empty password is refused', async () => {
    const { auth, add, peer } = setup();
    await add('user', 'fred', 'pw');
    for (const c of [user('fred', 'PW'), user('fred'), user('fred', '')]) {
      expect(await auth.authenticate([c], peer)).toEqual({ ok: false, message: 'credential not accepted' });
    }
  });

  test('Device credentials name a device account by Device Identifier, else Device Serial Number', async () => {
    const { auth, add, peer } = setup();
    await add('device', 'devID2233', 'secret');
    await add('device', 'serNum9', 'other');
    const dev = (f: Record<string, string>) => ({ type: CredentialType.Device, ...f });
    expect(ok(await auth.authenticate([dev({ deviceIdentifier: 'devID2233', deviceSerialNumber: 'serNum9', password: 'secret' })], peer)).principal).toBe('device:devID2233');
    expect(ok(await auth.authenticate([dev({ deviceSerialNumber: 'serNum9', password: 'other' })], peer)).principal).toBe('device:serNum9');
    expect((await auth.authenticate([dev({ deviceIdentifier: 'devID2233', password: 'other' })], peer)).ok).toBe(false);
    // A user account of the same name is another account.
    expect(auth.authenticate([user('devID2233', 'secret')], peer)).toEqual({ ok: true, peer });
  });

  test('more than MAX_CREDENTIALS credentials in one request are refused without looking them up', () => {
    const { auth, peer, accounts } = setup();
    const spy = jest.spyOn(accounts, 'get');
    const many = Array.from({ length: MAX_CREDENTIALS + 1 }, (_, i) => user(`u${i}`, 'x'));
    expect(auth.authenticate(many, peer)).toEqual({ ok: false, message: `more than ${MAX_CREDENTIALS} credentials in one request` });
    expect(spy).not.toHaveBeenCalled();
    expect(auth.authenticate(many.slice(0, MAX_CREDENTIALS), peer)).toEqual({ ok: true, peer }); // no accounts: ignored
  });

  test('credentials naming two accounts are refused', async () => {
    const { auth, add, peer } = setup();
    await add('user', 'fred', 'a');
    await add('user', 'barney', 'b');
    expect(await auth.authenticate([user('fred', 'a'), user('barney', 'b')], peer)).toEqual({ ok: false, message: 'the request names more than one account' });
  });

  test('an accepted password is not derived again until the account changes', async () => {
    const { auth, add, peer } = setup();
    await add('user', 'fred', 'pw');
    const spy = jest.spyOn(passwords, 'verifyPassword');
    try {
      ok(await auth.authenticate([user('fred', 'pw')], peer));
      ok(await auth.authenticate([user('fred', 'pw')], peer));
      expect(spy).toHaveBeenCalledTimes(1);
      // A wrong password is never taken from the cache.
      expect((await auth.authenticate([user('fred', 'nope')], peer)).ok).toBe(false);
      expect(spy).toHaveBeenCalledTimes(2);
      // New password: the old one fails although it was accepted before.
      await add('user', 'fred', 'pw2');
      expect((await auth.authenticate([user('fred', 'pw')], peer)).ok).toBe(false);
      ok(await auth.authenticate([user('fred', 'pw2')], peer));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('repeated wrong passwords', () => {
  test('hold back that certificate for that account, with a doubling delay; a right password resets', async () => {
    const clock = { ms: 1_000_000 };
    const { auth, add, peer } = setup('verify', 'others', clock);
    await add('user', 'fred', 'pw');
    const spy = jest.spyOn(passwords, 'verifyPassword');
    try {
      for (let i = 0; i < FREE_FAILURES + 1; i++) expect((await auth.authenticate([user('fred', `guess${i}`)], peer)).ok).toBe(false);
      expect(spy).toHaveBeenCalledTimes(FREE_FAILURES + 1);
      // Held for 1 s: even the right password is refused, and not checked.
      expect((await auth.authenticate([user('fred', 'pw')], peer)).ok).toBe(false);
      expect(spy).toHaveBeenCalledTimes(FREE_FAILURES + 1);
      // Another certificate is not held back.
      const other = { ...peer, fingerprint: 'cd'.repeat(32) };
      expect(ok(await auth.authenticate([user('fred', 'pw')], other)).principal).toBe('user:fred');
      clock.ms += 1000;
      expect((await auth.authenticate([user('fred', 'again')], peer)).ok).toBe(false); // next hold: 2 s
      clock.ms += 1999;
      expect((await auth.authenticate([user('fred', 'pw')], peer)).ok).toBe(false);
      clock.ms += 1;
      expect(ok(await auth.authenticate([user('fred', 'pw')], peer)).principal).toBe('user:fred');
      // Reset: five more free guesses.
      spy.mockClear();
      for (let i = 0; i < FREE_FAILURES; i++) expect((await auth.authenticate([user('fred', `x${i}`)], peer)).ok).toBe(false);
      expect(spy).toHaveBeenCalledTimes(FREE_FAILURES);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('CredentialAuthenticator (require and ignore modes)', () => {
  test('require: no credential, or one naming no account, is refused', async () => {
    const { auth, add, peer } = setup('require');
    // Query and Discover Versions stay open to the certificate (health checks); nothing else.
    expect(auth.authenticate(undefined, peer)).toEqual({ ok: false, message: expect.stringMatching(/requires/), allows: new Set([Operation.Query, Operation.DiscoverVersions]) });
    await add('user', 'fred', 'pw');
    expect(auth.authenticate([user('wilma', 'pw')], peer)).toEqual({ ok: false, message: 'credential not accepted' });
    expect(ok(await auth.authenticate([user('fred', 'pw')], peer)).principal).toBe('user:fred');
  });
  test('ignore: even a wrong password of an account is not looked at', async () => {
    const { auth, add, peer } = setup('ignore');
    await add('user', 'fred', 'pw');
    expect(auth.authenticate([user('fred', 'wrong')], peer)).toEqual({ ok: true, peer });
  });
});

describe('auth.hide', () => {
  test("tenants: another owner's object in the tenant is Permission Denied; other tenants' stay hidden", async () => {
    const { auth, add, peer } = setup('verify', 'tenants');
    await add('user', 'barney', 'pw');
    const b = ok(await auth.authenticate([user('barney', 'pw')], peer));
    expect(b.authorize!.object(Operation.Get, { uid: 'k', owner: 'user:fred', tenant: 'acme' })).toMatchObject({ allow: false, hide: false });
    expect(b.authorize!.object(Operation.Get, { uid: 'k', owner: 'user:fred', tenant: 'other' })).toMatchObject({ allow: false, hide: true });
    // Locate still returns only what the caller may see.
    expect(b.authorize!.locateScope()).toEqual({ all: false, owner: 'user:barney', also: new Set() });
  });
});

describe('Ticket credentials (Login, 2.0+)', () => {
  const ticket = (hex: string, type: number = TicketType.Login) => ({ type: CredentialType.Ticket, ticketType: type, ticketValue: Buffer.from(hex, 'hex') });
  beforeAll(() => {
    TICKETS.set('01', { principal: 'admin', fingerprint: 'ab'.repeat(32) });
    TICKETS.set('02', { principal: 'user:fred', fingerprint: 'ab'.repeat(32) });
    TICKETS.set('03', { principal: 'admin', fingerprint: 'cd'.repeat(32) });
  });
  const INVALID = { ok: false, message: 'the ticket is not valid for this client', reason: ResultReason.InvalidTicket };

  test("a ticket of the certificate's own principal keeps the peer; an account's ticket acts as the account", async () => {
    const { auth, add, peer } = setup();
    await add('user', 'fred', 'pw');
    expect(auth.authenticate([ticket('01')], peer)).toEqual({ ok: true, peer });
    const fred = ok(auth.authenticate([ticket('02')], peer) as Authentication);
    expect(fred.principal).toBe('user:fred');
    expect(fred.authorize!.object(Operation.Get, { uid: 'k', owner: 'user:fred', tenant: 'acme' })).toEqual({ allow: true });
  });
  test("a removed account's ticket no longer acts", async () => {
    const { auth, add, accounts, peer } = setup();
    await add('user', 'fred', 'pw');
    expect(ok(auth.authenticate([ticket('02')], peer) as Authentication).principal).toBe('user:fred');
    accounts.remove('user', 'fred');
    expect(auth.authenticate([ticket('02')], peer)).toEqual(INVALID);
  });

  test('an unknown ticket, one of another certificate, or of another type fails with Invalid Ticket', () => {
    const { auth, peer } = setup();
    expect(auth.authenticate([ticket('ff')], peer)).toEqual(INVALID);
    expect(auth.authenticate([ticket('03')], peer)).toEqual(INVALID);
    expect(auth.authenticate([ticket('01', 99)], peer)).toEqual(INVALID);
    // A ticket decides even next to a user name that names no account.
    expect(auth.authenticate([user('wilma', 'x'), ticket('ff')], peer)).toEqual(INVALID);
  });
  test("require mode accepts only accounts' tickets; ignore mode does not look", async () => {
    const req = setup('require');
    await req.add('user', 'fred', 'pw');
    expect(req.auth.authenticate([ticket('01')], req.peer)).toEqual(INVALID);
    expect(ok(req.auth.authenticate([ticket('02')], req.peer) as Authentication).principal).toBe('user:fred');
    const ign = setup('ignore');
    expect(ign.auth.authenticate([ticket('ff')], ign.peer)).toEqual({ ok: true, peer: ign.peer });
  });
});

/**
 * The session pool and the CKR mapping, against a scripted fake of the pkcs11js module (no HSM needed):
 * recovery from lost sessions and logins, stale cached handles, the LRU bound, and the waiting bound.
 */
import type * as pkcs11js from 'pkcs11js';
import { SessionPool } from '../../../src/crypto/pkcs11/session-pool';
import { CKR_TABLE, ckrName, mapPkcs11Error, Pkcs11Error } from '../../../src/crypto/pkcs11/errors';
import { CryptoError } from '../../../src/crypto/errors';
import { ResultReason } from '../../../src/kmip/enums';

const ckr = (name: string): Error => new Error(`${name}:0`);

class FakeModule {
  next = 1;
  open = new Set<number>();
  logins = 0;
  closeAll = 0;
  destroyed: number[] = [];
  loginError: string | undefined;
  state = 3; // CKS_RW_USER_FUNCTIONS
  C_OpenSession(): Buffer {
    const id = this.next++;
    this.open.add(id);
    return Buffer.from([id]);
  }
  C_Login(): void {
    if (this.loginError) throw ckr(this.loginError);
    this.logins++;
  }
  C_CloseSession(h: Buffer): void {
    this.open.delete(h[0]);
  }
  C_CloseAllSessions(): void {
    this.closeAll++;
    this.open.clear();
  }
  C_DestroyObject(_s: Buffer, h: Buffer): void {
    this.destroyed.push(h[0]);
  }
  C_GetSessionInfo(): { state: number } {
    return { state: this.state };
  }
}

function pool(fake: FakeModule, size = 2, cache = 2, waiting = 10): SessionPool {
  const p = new SessionPool(fake as unknown as pkcs11js.PKCS11, Buffer.from([0]), '1234', size, cache, waiting);
  p.start();
  return p;
}

describe('CKR mapping', () => {
  test('return values pkcs11js has no name for are named from their value', () => {
    // pkcs11js reports PKCS#11 2.40 codes it does not know as CKR_VENDOR_DEFINED:<value>.
    expect(ckrName(new Error('CKR_VENDOR_DEFINED:27'))).toBe('CKR_ACTION_PROHIBITED');
    expect(ckrName(new Error('CKR_VENDOR_DEFINED:320'))).toBe('CKR_CURVE_NOT_SUPPORTED');
    expect(ckrName(new Error('CKR_VENDOR_DEFINED:2147483649'))).toBe('CKR_VENDOR_DEFINED'); // really vendor-defined
    const e = mapPkcs11Error(new Error('CKR_VENDOR_DEFINED:27'), 'copying the KEK');
    expect(e.reason).toBe(ResultReason.PermissionDenied);
    expect(e.message).toBe("copying the KEK: the HSM's policy for this object forbids the action (CKR_ACTION_PROHIBITED)");
    // An error from another realm (not instanceof this realm's Error) is still read by its message.
    expect(ckrName({ message: 'CKR_SESSION_CLOSED:176' })).toBe('CKR_SESSION_CLOSED');
    expect(ckrName('CKR_SESSION_CLOSED')).toBeUndefined();
  });

  test('known codes get their Result Reason and a message naming the code', () => {
    const e = mapPkcs11Error(ckr('CKR_KEY_SIZE_RANGE'), 'generating a key');
    expect(e).toBeInstanceOf(Pkcs11Error);
    expect(e.reason).toBe(ResultReason.InvalidField);
    expect(e.message).toBe('generating a key: key size is out of range for this mechanism (CKR_KEY_SIZE_RANGE)');
    expect(mapPkcs11Error(ckr('CKR_PIN_INCORRECT'), 'x').reason).toBe(ResultReason.AuthenticationNotSuccessful);
    expect(mapPkcs11Error(ckr('CKR_DEVICE_REMOVED'), 'x').reason).toBe(ResultReason.GeneralFailure);
    expect(mapPkcs11Error(ckr('CKR_MECHANISM_INVALID'), 'x').reason).toBe(ResultReason.FeatureNotSupported);
    expect(mapPkcs11Error(ckr('CKR_ENCRYPTED_DATA_INVALID'), 'x').reason).toBe(ResultReason.CryptographicFailure);
    expect((mapPkcs11Error(ckr('CKR_SESSION_CLOSED'), 'x') as Pkcs11Error).kind).toBe('session');
    expect((mapPkcs11Error(ckr('CKR_KEY_HANDLE_INVALID'), 'x') as Pkcs11Error).kind).toBe('object');
  });

  test('unknown codes and non-PKCS#11 errors become General Failure; CryptoErrors pass through', () => {
    const u = mapPkcs11Error(ckr('CKR_VENDOR_THING'), 'x');
    expect(u.reason).toBe(ResultReason.GeneralFailure);
    expect(u.message).toContain('CKR_VENDOR_THING');
    expect(mapPkcs11Error(new TypeError('bad arg\n  at native'), 'ctx').message).toBe('ctx: bad arg');
    const c = new CryptoError(ResultReason.InvalidField, 'mine');
    expect(mapPkcs11Error(c, 'x')).toBe(c);
  });

  test('every table entry has a message and a defined reason', () => {
    for (const [name, entry] of Object.entries(CKR_TABLE)) {
      expect(name).toMatch(/^CKR_/);
      expect(entry.message.length).toBeGreaterThan(5);
      expect(Object.values(ResultReason)).toContain(entry.reason);
    }
  });
});

describe('session pool', () => {
  test('logs in once and reuses sessions', async () => {
    const fake = new FakeModule();
    const p = pool(fake);
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) await p.use('t', (s) => seen.add(s.handle[0]));
    expect(fake.logins).toBe(1);
    expect(seen.size).toBe(1);
  });

  test('a lost session resets the pool (close all, re-open, re-login) and retries once', async () => {
    const fake = new FakeModule();
    const p = pool(fake);
    let calls = 0;
    const r = await p.use('t', (s) => {
      calls++;
      if (calls === 1) throw ckr('CKR_SESSION_HANDLE_INVALID');
      return s.handle[0];
    });
    expect(calls).toBe(2);
    expect(fake.closeAll).toBe(1);
    expect(fake.logins).toBe(2);
    expect(r).toBe(2);
  });

  test('a second failure is reported, mapped', async () => {
    const fake = new FakeModule();
    const p = pool(fake);
    const e = await p.use('encrypting', () => {
      throw ckr('CKR_USER_NOT_LOGGED_IN');
    }).catch((x) => x);
    expect(e).toBeInstanceOf(Pkcs11Error);
    expect(e.message).toBe('encrypting: HSM token is not logged in (CKR_USER_NOT_LOGGED_IN)');
    expect(fake.closeAll).toBe(2);
  });

  test('a stale handle empties the cache and retries; when the login is gone it resets instead', async () => {
    const fake = new FakeModule();
    const p = pool(fake);
    let resets = 0;
    p.onReset = () => resets++;
    await p.use('t', (s) => p.remember(s, 'k', Buffer.from([42])));
    let calls = 0;
    await p.use('t', (s) => {
      calls++;
      if (calls === 1) {
        expect(p.cached(s, 'k')).toEqual(Buffer.from([42]));
        throw ckr('CKR_KEY_HANDLE_INVALID');
      }
      expect(p.cached(s, 'k')).toBeUndefined();
    });
    expect(fake.closeAll).toBe(0);
    fake.state = 1 + 4; // not a user-functions state: logged out
    calls = 0;
    await p.use('t', () => {
      if (++calls === 1) throw ckr('CKR_OBJECT_HANDLE_INVALID');
    });
    expect(fake.closeAll).toBe(1);
    expect(resets).toBe(2);
  });

  test('fatal errors are not retried', async () => {
    const fake = new FakeModule();
    const p = pool(fake);
    let calls = 0;
    const e = await p.use('t', () => {
      calls++;
      throw ckr('CKR_KEY_SIZE_RANGE');
    }).catch((x) => x);
    expect(calls).toBe(1);
    expect(e.reason).toBe(ResultReason.InvalidField);
  });

  test('the per-session cache is an LRU bounded by cacheSize; eviction and forget destroy the objects', async () => {
    const fake = new FakeModule();
    const p = pool(fake, 1, 2);
    await p.use('t', (s) => {
      p.remember(s, 'a', Buffer.from([10]));
      p.remember(s, 'b', Buffer.from([11]));
      p.cached(s, 'a'); // a is now most recent
      p.remember(s, 'c', Buffer.from([12]));
    });
    expect(fake.destroyed).toEqual([11]);
    p.forget('a');
    expect(fake.destroyed).toEqual([11, 10]);
    // forget while busy: done when the session comes back
    await p.use('t', (s) => {
      p.forget('c');
      expect(p.cached(s, 'c')).toEqual(Buffer.from([12]));
    });
    expect(fake.destroyed).toEqual([11, 10, 12]);
  });

  test('callers wait for a free session, and beyond maxWaiting are refused', async () => {
    const fake = new FakeModule();
    const p = pool(fake, 1, 2, 1);
    let release!: () => void;
    const first = p.use('t', () => new Promise<void>((r) => (release = r)));
    const second = p.use('t', (s) => s.handle[0]);
    const third = await p.use('t', () => 0).catch((x) => x);
    expect(third).toBeInstanceOf(CryptoError);
    expect(third.message).toMatch(/too many requests waiting/);
    release();
    await first;
    expect(await second).toBe(1);
    expect(fake.open.size).toBe(1);
  });

  test('a wrong PIN at start is an authentication error and leaves no session open', () => {
    const fake = new FakeModule();
    fake.loginError = 'CKR_PIN_INCORRECT';
    expect(() => pool(fake)).toThrow(/PIN is incorrect/);
    expect(fake.open.size).toBe(0);
  });

  test('close refuses later work', async () => {
    const p = pool(new FakeModule());
    p.close();
    await expect(p.use('t', () => 1)).rejects.toThrow(/closed/);
  });
});

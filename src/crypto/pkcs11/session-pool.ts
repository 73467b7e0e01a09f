/**
 * A bounded pool of logged-in PKCS#11 sessions on one token.
 *
 * - A session is used by one caller at a time (PKCS#11 sessions are not re-entrant: one active operation
 *   each). Most calls are synchronous and hold a session for one tick; async calls (RSA key generation)
 *   hold it across awaits, which is why there is a pool at all.
 * - Login happens once per token (login state belongs to the application, not the session).
 * - Each session has its own LRU of unwrapped key handles: session objects die with their session, so a
 *   handle in session S's cache is always one created in S. Eviction destroys the object in the HSM.
 *   Each session also keeps its own copies of the token KEKs it has used (HsmKeys.kekHandle).
 * - A lost session or login (CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_USER_NOT_LOGGED_IN...)
 *   resets the whole pool (close all, re-open, re-login) and the call is retried once. Sessions checked
 *   out by other callers during a reset are dropped when they come back (generation check).
 */
import * as pkcs11js from 'pkcs11js';
import { CryptoError } from '../errors';
import { ResultReason } from '../../kmip/enums';
import { ckrName, mapPkcs11Error, Pkcs11Error } from './errors';

/** Session states (PKCS#11 §5.6) missing from pkcs11js's typings. */
const CKS_RO_USER_FUNCTIONS = 1;
const CKS_RW_USER_FUNCTIONS = 3;

export interface PooledSession {
  readonly handle: pkcs11js.Handle;
  readonly generation: number;
  /** cache key -> unwrapped session object handle (insertion order = LRU order). */
  readonly cache: Map<string, pkcs11js.Handle>;
  /** Cache keys to drop when the session comes back (forget() while it was busy). */
  readonly forgetOnRelease: string[];
  /** KEK id -> this session's copy of the token KEK (a session object: see HsmKeys.kekHandle). */
  readonly keks: Map<string, pkcs11js.Handle>;
}

export class SessionPool {
  private idle: PooledSession[] = [];
  private busy = new Set<PooledSession>();
  private open = 0;
  private waiters: Array<(s: PooledSession | Error) => void> = [];
  private generation = 0;
  private loggedIn = false;
  private closed = false;
  /** Called after a reset so the owner can drop handles it derived from sessions (KEK handles). */
  onReset: () => void = () => undefined;

  constructor(
    private readonly mod: pkcs11js.PKCS11,
    private readonly slot: pkcs11js.Handle,
    private readonly pin: string,
    private readonly size: number,
    private readonly cacheSize: number,
    private readonly maxWaiting: number,
  ) {}

  /** Counts pool resets (each closes every session of the application on the slot). */
  get currentGeneration(): number {
    return this.generation;
  }

  /** True when the pool has stopped (no session is handed out any more). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Opens the first session and logs in: start-up errors (wrong PIN) surface here. */
  start(): void {
    const s = this.openSession();
    this.idle.push(s);
  }

  /**
   * Runs fn with a session. On a lost session/login the pool is reset and fn runs once more; on a stale
   * cached handle the session's cache is emptied and fn runs once more.
   */
  async use<R>(context: string, fn: (s: PooledSession) => R | Promise<R>): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      // Fast path: a free session is taken, used and released in the same tick when fn is synchronous
      // (almost every PKCS#11 call), so a burst of requests does not queue behind one another.
      const s = this.acquireNow() ?? (await this.waitForSession());
      try {
        let r = fn(s);
        if (r instanceof Promise) r = await r;
        this.release(s);
        return r as R;
      } catch (e) {
        const err = mapPkcs11Error(e, context);
        let kind = err instanceof Pkcs11Error ? err.kind : 'fatal';
        // After C_Logout, private objects simply vanish: a stale handle may really be a lost login.
        if (kind === 'object' && !this.isLoggedIn(s)) kind = 'session';
        if (kind === 'session') {
          this.reset(s.generation);
        } else {
          if (kind === 'object') {
            this.clearCache(s, false);
            this.onReset();
          }
          this.release(s);
        }
        if (attempt === 0 && kind !== 'fatal') continue;
        throw err;
      }
    }
  }

  /** Least-recently-used lookup in a session's handle cache. */
  cached(s: PooledSession, key: string): pkcs11js.Handle | undefined {
    const h = s.cache.get(key);
    if (h) {
      s.cache.delete(key);
      s.cache.set(key, h);
    }
    return h;
  }

  remember(s: PooledSession, key: string, handle: pkcs11js.Handle): void {
    s.cache.set(key, handle);
    while (s.cache.size > this.cacheSize) {
      const [oldKey, oldHandle] = s.cache.entries().next().value as [string, pkcs11js.Handle];
      s.cache.delete(oldKey);
      this.destroyQuietly(s, oldHandle);
    }
  }

  /**
   * Destroys the unwrapped copies of a key in every session (call when the key is destroyed): idle
   * sessions now, busy ones when they are released.
   */
  forget(key: string): void {
    for (const s of this.idle) this.drop(s, key);
    for (const s of this.busy) s.forgetOnRelease.push(key);
  }

  private drop(s: PooledSession, key: string): void {
    const h = s.cache.get(key);
    if (!h) return;
    s.cache.delete(key);
    this.destroyQuietly(s, h);
  }

  private isLoggedIn(s: PooledSession): boolean {
    try {
      const state = this.mod.C_GetSessionInfo(s.handle).state;
      return state === CKS_RW_USER_FUNCTIONS || state === CKS_RO_USER_FUNCTIONS;
    } catch {
      return false;
    }
  }

  private destroyQuietly(s: PooledSession, h: pkcs11js.Handle): void {
    try {
      this.mod.C_DestroyObject(s.handle, h);
    } catch {
      // The object may already be gone with its session; nothing to free then.
    }
  }

  private clearCache(s: PooledSession, destroy: boolean): void {
    if (destroy) for (const h of [...s.cache.values(), ...s.keks.values()]) this.destroyQuietly(s, h);
    s.cache.clear();
    s.keks.clear();
  }

  private openSession(): PooledSession {
    let handle: pkcs11js.Handle;
    try {
      handle = this.mod.C_OpenSession(this.slot, pkcs11js.CKF_RW_SESSION | pkcs11js.CKF_SERIAL_SESSION);
    } catch (e) {
      throw mapPkcs11Error(e, 'opening an HSM session');
    }
    this.open++;
    if (!this.loggedIn) {
      try {
        this.mod.C_Login(handle, pkcs11js.CKU_USER, this.pin);
      } catch (e) {
        if (ckrName(e) !== 'CKR_USER_ALREADY_LOGGED_IN') {
          this.open--;
          try {
            this.mod.C_CloseSession(handle);
          } catch {
            // ignore: reporting the login failure matters more
          }
          throw mapPkcs11Error(e, 'logging in to the HSM token');
        }
      }
      this.loggedIn = true;
    }
    return { handle, generation: this.generation, cache: new Map(), forgetOnRelease: [], keks: new Map() };
  }

  private acquireNow(): PooledSession | undefined {
    if (this.closed) throw new CryptoError(ResultReason.GeneralFailure, 'HSM provider is closed', 'CLOSED');
    const s = this.idle.pop() ?? (this.open < this.size ? this.openSession() : undefined);
    if (s) this.busy.add(s);
    return s;
  }

  private waitForSession(): Promise<PooledSession> {
    if (this.waiters.length >= this.maxWaiting) {
      throw new CryptoError(ResultReason.GeneralFailure, 'HSM is busy: too many requests waiting for a session', 'POOL_FULL');
    }
    return new Promise<PooledSession>((resolve, reject) => {
      this.waiters.push((r) => {
        if (r instanceof Error) return reject(r);
        this.busy.add(r);
        resolve(r);
      });
    });
  }

  private release(s: PooledSession): void {
    this.busy.delete(s);
    if (s.generation !== this.generation || this.closed) return; // dropped by a reset: its handle is dead
    if (s.forgetOnRelease.length > 0) for (const key of s.forgetOnRelease.splice(0)) this.drop(s, key);
    const w = this.waiters.shift();
    if (w) w(s);
    else this.idle.push(s);
  }

  /** Close everything and log in again. Only the first caller for a given generation does the work. */
  private reset(failedGeneration: number): void {
    if (failedGeneration !== this.generation) return;
    this.generation++;
    this.idle = [];
    this.busy.clear();
    this.open = 0;
    this.loggedIn = false;
    try {
      this.mod.C_CloseAllSessions(this.slot);
    } catch {
      // Sessions may already be gone; we only need them closed.
    }
    this.onReset();
    // Hand fresh sessions to waiters; an error here (token really gone) goes to them too.
    while (this.waiters.length && this.open < this.size) {
      const w = this.waiters.shift()!;
      try {
        w(this.openSession());
      } catch (e) {
        w(e as Error);
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.splice(0)) w(new CryptoError(ResultReason.GeneralFailure, 'HSM provider is closed', 'CLOSED'));
    try {
      this.mod.C_CloseAllSessions(this.slot);
    } catch {
      // nothing more to release
    }
    this.idle = [];
    this.open = 0;
  }
}

/**
 * The PKCS#11 provider's key hierarchy: the token KEKs (found by label, created when missing), wrapping a session
 * object under a KEK (CKM_AES_KEY_WRAP_PAD, RFC 5649) into the blob of ../blob.ts, unwrapping it again as a
 * session object for use or export, and the per-session cache of 'use' unwraps (session-pool.ts). Keys the HSM
 * cannot wrap itself (public keys, Ed25519 private keys) travel as their DER bytes in a generic-secret carrier.
 */
import * as nodeCrypto from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import type { KeySpec, WrappedKey } from '../port';
import { decodeBlob, encodeBlob } from '../blob';
import { CryptoError, CryptoUnavailableError } from '../errors';
import { ResultReason } from '../../kmip/enums';
import { kekTemplate, readPrivateKeyPkcs8, sessionKeyTemplate } from './keys';
import type { PooledSession, SessionPool } from './session-pool';
import { ckrName } from './errors';

const P = pkcs11js;
const KWP: pkcs11js.Mechanism = { mechanism: P.CKM_AES_KEY_WRAP_PAD };
/** Public keys cannot be wrapped by PKCS#11, so imported SPKI bytes travel as a generic secret. */
export const CARRIER: KeySpec = { keyClass: 'secret', algorithm: 'GENERIC' };
const WRAP_BUFFER = 16384;
/**
 * Output space of every C_WrapKey, reused: the call is synchronous and its result is copied out at once,
 * and wrapped bytes are not secret. A fresh 16 KiB zero-filled buffer per wrap (one per Create) cost
 * about 3 % of the server's time under `bench --op create` (outside Node's buffer pool, every one a new
 * ArrayBuffer for the GC to track).
 */
const wrapScratch = Buffer.allocUnsafeSlow(WRAP_BUFFER);
/** C_CopyObject answers meaning "this token does not copy this key" (see HsmKeys.kekHandle). */
export const COPY_REFUSALS = new Set([
  'CKR_ACTION_PROHIBITED', 'CKR_FUNCTION_NOT_SUPPORTED', 'CKR_ATTRIBUTE_READ_ONLY', 'CKR_TEMPLATE_INCONSISTENT',
  'CKR_ATTRIBUTE_VALUE_INVALID', 'CKR_ATTRIBUTE_TYPE_INVALID',
]);
/** Cache-key suffix of a key's cached 'export' unwrap (see the provider's exportKey). */
export const EXPORT_SUFFIX = ':export';
/** Cache-key suffix of the Ed25519 signing object made from a key's carrier (see the provider's edSign). */
export const ED_SUFFIX = ':ed25519';

/** Keys the HSM cannot wrap itself, held as their DER bytes in a generic-secret carrier (public keys, Ed25519, see eddsa.ts). */
export function carried(spec: KeySpec): boolean {
  return spec.keyClass === 'public' || spec.algorithm === 'ED25519';
}

export class HsmKeys {
  private kekIds: string[] = [];
  /** The KEK new material is wrapped under when set by adoptKek (else the newest). */
  private adopted: string | undefined;
  private readonly kekHandles = new Map<string, pkcs11js.Handle>();
  /** KEKs the token refused to copy into a session (see kekHandle): they are used as token objects. */
  private readonly copyRefused = new Set<string>();

  constructor(
    private readonly mod: pkcs11js.PKCS11,
    private readonly pool: SessionPool,
    private readonly prefix: string,
  ) {
    pool.onReset = () => this.kekHandles.clear();
  }

  get currentKekId(): string {
    return this.adopted ?? this.kekIds[this.kekIds.length - 1];
  }

  /** A KEK made by another process since loadKeks (online rotation): look again, then wrap under it. */
  async adoptKek(id: string): Promise<void> {
    if (!this.kekIds.includes(id)) await this.loadKeks(false);
    if (!this.kekIds.includes(id)) throw new CryptoUnavailableError(`KEK "${id}" is not on the token`, 'KEK_MISSING');
    this.adopted = id;
  }

  /** Finds the KEKs labelled <prefix><n> on the token; creates the first when there is none and `create` allows it. */
  async loadKeks(create: boolean): Promise<void> {
    await this.pool.use('finding the KEK', (s) => {
      // Token objects only: the sessions' copies of the KEKs (kekHandle) carry the same labels.
      const found = this.findObjects(s, [
        { type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }, { type: P.CKA_KEY_TYPE, value: P.CKK_AES }, { type: P.CKA_TOKEN, value: true },
      ]);
      const ids: Array<[number, string]> = [];
      for (const h of found) {
        const [label, extractable, sensitive] = this.mod.C_GetAttributeValue(s.handle, h, [
          { type: P.CKA_LABEL }, { type: P.CKA_EXTRACTABLE }, { type: P.CKA_SENSITIVE },
        ]);
        const text = (label.value as Buffer).toString('utf8');
        const m = text.startsWith(this.prefix) ? /^(\d+)$/.exec(text.slice(this.prefix.length)) : null;
        if (!m) continue;
        if ((extractable.value as Buffer)[0] !== 0 || (sensitive.value as Buffer)[0] !== 1) {
          throw new CryptoUnavailableError(`KEK "${text}" is extractable or not sensitive; refusing to use it`, 'KEK_WEAK');
        }
        ids.push([Number(m[1]), text]);
        this.kekHandles.set(text, h);
      }
      this.kekIds = ids.sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    });
    if (this.kekIds.length === 0) {
      if (!create) throw new CryptoUnavailableError(`no KEK labelled ${this.prefix}<n> on the token`, 'KEK_MISSING');
      await this.createKek();
    }
  }

  findObjects(s: PooledSession, template: pkcs11js.Template): pkcs11js.Handle[] {
    this.mod.C_FindObjectsInit(s.handle, template);
    try {
      return this.mod.C_FindObjects(s.handle, 1000);
    } finally {
      this.mod.C_FindObjectsFinal(s.handle);
    }
  }

  /**
   * The handle a wrap or unwrap under KEK `id` uses in session s: the session's own copy of the token KEK
   * (C_CopyObject with CKA_TOKEN false), made at its first use in that session. A copy is a session object
   * inside the HSM and keeps the KEK's attributes: sensitive, not extractable, usable only to wrap and
   * unwrap. SoftHSM2 re-reads a token object's file (and the token's generation file) whenever a call uses
   * it, which about doubles the cost of every wrap and unwrap under the token KEK itself. A KEK the token
   * refuses to copy (one made with CKA_COPYABLE false, a module without C_CopyObject) is used as the token
   * object, as before. Copies die with their session; a pool reset starts without them.
   */
  kekHandle(s: PooledSession, id: string): pkcs11js.Handle {
    const copy = s.keks.get(id);
    if (copy !== undefined) return copy;
    const token = this.tokenKek(s, id);
    if (this.copyRefused.has(id)) return token;
    let h: pkcs11js.Handle;
    try {
      h = this.mod.C_CopyObject(s.handle, token, [{ type: P.CKA_TOKEN, value: false }]);
    } catch (e) {
      // A token that cannot copy keys is not an error: wrap under the token object. Anything else (a lost
      // session, a stale handle) goes to the session pool, which recovers and retries.
      if (!COPY_REFUSALS.has(ckrName(e) ?? '')) throw e;
      this.copyRefused.add(id);
      return token;
    }
    s.keks.set(id, h);
    return h;
  }

  /** The token object of KEK `id` when it has been found already (none after a pool reset until it is used again). */
  knownTokenKek(id: string): pkcs11js.Handle | undefined {
    return this.kekHandles.get(id);
  }

  /** The token object of KEK `id`. */
  private tokenKek(s: PooledSession, id: string): pkcs11js.Handle {
    const have = this.kekHandles.get(id);
    if (have) return have;
    if (!this.kekIds.includes(id)) {
      throw new CryptoError(ResultReason.CryptographicFailure, `key-encryption key ${id} is not known to this provider`, 'KEK_UNKNOWN');
    }
    const [h] = this.findObjects(s, [{ type: P.CKA_CLASS, value: P.CKO_SECRET_KEY }, { type: P.CKA_LABEL, value: id }, { type: P.CKA_TOKEN, value: true }]);
    if (!h) throw new CryptoError(ResultReason.CryptographicFailure, `key-encryption key ${id} is missing from the HSM token`, 'KEK_MISSING');
    this.kekHandles.set(id, h);
    return h;
  }

  /** Wraps a session object under a KEK, recording `spec` in the blob header. */
  wrapObject(s: PooledSession, h: pkcs11js.Handle, spec: KeySpec, length: number, kekId = this.currentKekId): WrappedKey {
    const out = this.mod.C_WrapKey(s.handle, KWP, this.kekHandle(s, kekId), h, wrapScratch);
    // For private keys the HSM wraps its own PKCS#8 encoding; its padded length is all the wrap reveals
    // (export re-encodes private keys from their components, so it is never used to cut).
    const len = spec.keyClass === 'private' && !carried(spec) ? out.length - 8 : length;
    return { wrapped: encodeBlob(spec, len, Buffer.from(out)), kekId };
  }

  unwrap(
    s: PooledSession, key: WrappedKey, purpose: 'use' | 'export' | 'wrap' | 'unwrap', as?: KeySpec,
  ): { h: pkcs11js.Handle; spec: KeySpec; length: number } {
    const { spec, length, wrapped } = decodeBlob(key.wrapped);
    const asObject = as ?? (carried(spec) ? CARRIER : spec);
    const h = this.mod.C_UnwrapKey(s.handle, KWP, this.kekHandle(s, key.kekId), wrapped, sessionKeyTemplate(asObject, purpose, length));
    return { h, spec, length };
  }

  destroy(s: PooledSession, h: pkcs11js.Handle): void {
    try {
      this.mod.C_DestroyObject(s.handle, h);
    } catch {
      // Session objects also die with the session; a failure here leaks nothing persistent.
    }
  }

  /**
   * The name of a key's unwrapped copies in the session caches: its KEK and wrapped form (which changes
   * with every re-wrap). Wrapped bytes are not secret; short ones (every symmetric key) are the name
   * themselves, which costs less per Get and Encrypt than hashing them; long ones (private keys) are hashed.
   */
  cacheKey(key: WrappedKey): string {
    const w = key.wrapped;
    return w.length <= 96 ? `${key.kekId}:${w.toString('base64')}` : `${key.kekId}#${nodeCrypto.createHash('sha256').update(w).digest('base64')}`;
  }

  /** Drops every cached unwrap of key from the sessions. */
  forget(key: WrappedKey): void {
    const base = this.cacheKey(key);
    // Every cached variant: the 'use' unwrap, the one used as a generic secret, the 'export' unwrap.
    for (const k of [base, `${base}:${CARRIER.algorithm}`, `${base}${EXPORT_SUFFIX}`, `${base}${ED_SUFFIX}`]) this.pool.forget(k);
  }

  /** Runs fn with a cached 'use' unwrap of key in the session. */
  withKey<R>(
    context: string, key: WrappedKey, fn: (s: PooledSession, h: pkcs11js.Handle, spec: KeySpec) => R, as?: KeySpec,
  ): Promise<R> {
    const spec = decodeBlob(key.wrapped).spec;
    // `as` unwraps the same bytes as another key type (an AES key used as an HMAC key is a generic secret).
    const cacheKey = this.cacheKey(key) + (as ? `:${as.algorithm}` : '');
    return this.pool.use(context, (s) => {
      let h = this.pool.cached(s, cacheKey);
      if (!h) {
        h = this.unwrap(s, key, 'use', as).h;
        this.pool.remember(s, cacheKey, h);
      }
      return fn(s, h, spec);
    });
  }

  /** Plaintext export; only for public keys and Get. */
  exportIn(s: PooledSession, key: WrappedKey): Buffer {
    const { h, spec, length } = this.unwrap(s, key, 'export');
    try {
      if (spec.keyClass === 'private' && !carried(spec)) return readPrivateKeyPkcs8(this.mod, s.handle, h, spec);
      const [v] = this.mod.C_GetAttributeValue(s.handle, h, [{ type: P.CKA_VALUE }]);
      return this.trimValue(v.value as Buffer, length);
    } finally {
      this.destroy(s, h);
    }
  }

  /** An owned copy of the material's first `length` bytes; the HSM's buffer is zeroed. */
  trimValue(value: Buffer, length: number): Buffer {
    // SoftHSM2 leaves the RFC 5649 padding on; the recorded length says where the material ends.
    if (value.length < length || value.subarray(length).some((b) => b !== 0)) {
      value.fill(0);
      throw new CryptoError(ResultReason.CryptographicFailure, 'unwrapped material does not match its recorded length', 'BAD_BLOB');
    }
    const out = Buffer.from(value.subarray(0, length));
    value.fill(0);
    return out;
  }

  /** Wraps DER bytes the HSM cannot wrap as a key (public keys, Ed25519) in a generic-secret carrier. */
  wrapCarried(s: PooledSession, spec: KeySpec, der: Buffer): WrappedKey {
    const value = Buffer.from(der);
    try {
      const h = this.mod.C_CreateObject(s.handle, [...sessionKeyTemplate(CARRIER, 'wrap', der.length), { type: P.CKA_VALUE, value }]);
      try {
        return this.wrapObject(s, h, spec, der.length);
      } finally {
        this.destroy(s, h);
      }
    } finally {
      value.fill(0);
    }
  }

  async createKek(): Promise<string> {
    const last = this.kekIds.length ? Number(this.kekIds[this.kekIds.length - 1].slice(this.prefix.length)) : 0;
    const id = `${this.prefix}${last + 1}`;
    await this.pool.use('creating a KEK', (s) => {
      const h = this.mod.C_GenerateKey(s.handle, { mechanism: P.CKM_AES_KEY_GEN }, kekTemplate(id));
      this.kekHandles.set(id, h);
    });
    this.kekIds.push(id);
    this.adopted = undefined;
    return id;
  }
}

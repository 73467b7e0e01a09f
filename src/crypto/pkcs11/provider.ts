/**
 * The PKCS#11 crypto provider (pkcs11js; tested with SoftHSM2). Every managed key is generated or
 * imported inside the HSM as a session object, wrapped there with CKM_AES_KEY_WRAP_PAD (RFC 5649) under
 * a non-extractable token KEK, and destroyed. Using a key means unwrapping it into a session object
 * (cached per session, see session-pool.ts); the KEKs, wrapping and unwrapping live in hsm-keys.ts.
 * Ed25519 (eddsa.ts) and ECDH (ecdh.ts) are in the HSM too. Self-contained: a config object in, no globals
 * but the module reference count, so it can run inside a worker_thread.
 */
import * as nodeCrypto from 'node:crypto';
import * as os from 'node:os';
import * as pkcs11js from 'pkcs11js';
import type {
  CipherParams, CryptoProvider, DecipherParams, EncryptResult, HashAlg, KeyPairResult, KeyPairSpec, KeyRef,
  KeySpec, MacParams, ProviderInfo, SignParams, UnwrapMethod, WrappedKey,
} from '../port';
import { isPublicKeyRef } from '../port';
import { decodeBlob, encodeBlob } from '../blob';
import { cipherAlg, hashInfo, secretLengthBytes, symmetricKeyPlan, type SecretAlgorithm, type SecretKeyPlan } from '../common';
import { CryptoError, CryptoUnavailableError, invalidField, notSupported } from '../errors';
import { checkSecretLength, spkiAlgorithm, validateMaterial } from '../material';
import * as soft from '../software/ops';
import { checkDerivedSpec } from '../software/provider';
import { readPin, type Pkcs11Config } from './config';
import { mapPkcs11Error } from './errors';
import { privateKeyAttributes, rsaPublicFromPrivate, sessionKeyTemplate } from './keys';
import { hashMechanisms, hasHashMechanisms, KEY_GENERATORS } from './mechanisms';
import { acquireModule, findSlot, releaseModule } from './module';
import { SessionPool } from './session-pool';
import { CARRIER, COPY_REFUSALS, ED_SUFFIX, EXPORT_SUFFIX, HsmKeys } from './hsm-keys';
import { GenerationWorker, workerPays, type GenerationRequest } from './generation-worker';
import { LoopLoad } from '../../loop-load';
import { Slots } from './slots';
import { hsmDecrypt, hsmEncrypt } from './symmetric';
import { checkRsaDecryptParams, hsmDigest, hsmRsaDecrypt, hsmSign } from './asymmetric';
import { ed25519Signer, hsmEdSign } from './eddsa';
import { hsmEcdh } from './ecdh';
import { hsmUnwrapImport } from './unwrap-import';
import type { HsmContext } from './context';
import { hsmGenerateKeyPair } from './key-pairs';
import { hsmMac } from './mac';

const P = pkcs11js;
const EXPORT_SEEN_MAX = 16384;

export class Pkcs11CryptoProvider implements CryptoProvider {
  readonly info: ProviderInfo;
  private readonly keys: HsmKeys;
  private closed = false;
  /** Concurrent key-pair generations: one core and one session left for everything else. */
  private readonly keyPairSlots: Slots;
  /** Cache keys of keys exported once (admission to the export cache; cleared when full). */
  private readonly exportedOnce = new Set<string>();
  /** What the operations in their own modules (key-pairs.ts, mac.ts) use. */
  private readonly hsm: HsmContext;
  /** Secret-key generation off the event loop (started at the first generation; see generateInWorker). */
  private generator: GenerationWorker | undefined;
  private readonly loopLoad = new LoopLoad();
  /** generationWorker 'auto': the decision of the latest loop window (see loopBusy). */
  private offload = false;
  /** Keys the worker made up to the start of the current loop window. */
  private workerKeysAtWindow = 0;
  /** What an inline generation costs the event loop (ms; moving average of measured ones). */
  private inlineGenerationMs = 0.15;

  private constructor(
    private readonly cfg: Pkcs11Config,
    private readonly mod: pkcs11js.PKCS11,
    private readonly pool: SessionPool,
    private readonly slot: pkcs11js.Handle,
    description: string,
  ) {
    this.info = cfg.declared ? { kind: 'pkcs11', description, declared: cfg.declared } : { kind: 'pkcs11', description };
    this.keyPairSlots = new Slots(Math.max(1, Math.min((cfg.poolSize ?? 4) - 1, os.availableParallelism() - 1)));
    this.keys = new HsmKeys(mod, pool, cfg.kekLabelPrefix ?? 'tumbler-kek-');
    this.hsm = { mod, pool, keys: this.keys, keyPairSlots: this.keyPairSlots };
  }

  get currentKekId(): string {
    return this.keys.currentKekId;
  }

  /** Secret keys generated in the worker thread so far (diagnostics and tests). */
  get generatedInWorker(): number {
    return this.generator?.generated ?? 0;
  }

  forget(key: WrappedKey): void {
    if (!this.closed) this.keys.forget(key);
  }

  async createKek(): Promise<string> {
    return this.keys.createKek();
  }

  async adoptKek(id: string): Promise<void> {
    await this.keys.adoptKek(id);
  }

  /** Loads the module, finds the token, logs in, finds or creates the KEK. Failures are CryptoUnavailableError. */
  static async open(cfg: Pkcs11Config): Promise<Pkcs11CryptoProvider> {
    const pin = readPin(cfg);
    const mod = acquireModule(cfg.modulePath);
    let pool: SessionPool | undefined;
    try {
      const { slot, label } = findSlot(mod, cfg.modulePath, cfg.tokenLabel, cfg.slotIndex);
      pool = new SessionPool(mod, slot, pin, cfg.poolSize ?? 4, cfg.cacheSize ?? 256, cfg.maxWaiting ?? 1024);
      try {
        pool.start();
      } catch (e) {
        throw new CryptoUnavailableError(`cannot use HSM token "${label}": ${(e as Error).message}`, (e as CryptoError).code);
      }
      const t = mod.C_GetTokenInfo(slot);
      const desc = `pkcs11 (${t.manufacturerID.trim()} ${t.model.trim()}, token "${label}", module ${cfg.modulePath})`;
      const provider = new Pkcs11CryptoProvider(cfg, mod, pool, slot, desc);
      await provider.keys.loadKeks(cfg.createKek !== false);
      return provider;
    } catch (e) {
      pool?.close();
      releaseModule(cfg.modulePath);
      if (e instanceof CryptoUnavailableError) throw e;
      const m = mapPkcs11Error(e, 'starting the PKCS#11 provider');
      throw new CryptoUnavailableError(m.message, m.code);
    }
  }

  async generateSymmetricKey(algorithm: number, lengthBits: number): Promise<WrappedKey> {
    return this.generatePlanned(symmetricKeyPlan(algorithm, lengthBits));
  }

  async generateSecretKey(algorithm: SecretAlgorithm, lengthBits: number): Promise<WrappedKey> {
    return this.generatePlanned({ algorithm, bytes: secretLengthBytes(algorithm, lengthBits), gen: algorithm === 'DES3' ? 'DES3' : algorithm === 'AES' ? 'AES' : 'GENERIC' });
  }

  /** Generates in the HSM with the plan's generator; the object is held (wrapped) as the plan's algorithm. */
  private async generatePlanned(plan: SecretKeyPlan): Promise<WrappedKey> {
    const spec: KeySpec = { keyClass: 'secret', algorithm: plan.algorithm };
    const gen = KEY_GENERATORS[plan.gen];
    const template = sessionKeyTemplate({ keyClass: 'secret', algorithm: 'GENERIC' }, 'wrap')
      .map((a) => (a.type === P.CKA_KEY_TYPE ? { type: P.CKA_KEY_TYPE, value: gen.keyType } : a));
    if (gen.valueLen) template.push({ type: P.CKA_VALUE_LEN, value: plan.bytes });
    // The Digest of the new key, computed inside the token (C_DigestKey), instead of unwrapping and
    // reading the key back afterwards. AES and generic secrets only: their CKA_VALUE is the Raw value.
    const digest = plan.gen === 'AES' || plan.gen === 'GENERIC';
    const inWorker = await this.generateInWorker(spec, plan.bytes, { mechanism: gen.mechanism, template, digest });
    if (inWorker) return inWorker;
    return this.pool.use('generating a key', (s) => {
      const started = performance.now();
      const h = this.mod.C_GenerateKey(s.handle, { mechanism: gen.mechanism }, template);
      try {
        const wrapped: WrappedKey = this.keys.wrapObject(s, h, spec, plan.bytes);
        if (digest) {
          this.mod.C_DigestInit(s.handle, { mechanism: P.CKM_SHA256 });
          this.mod.C_DigestKey(s.handle, h);
          wrapped.rawSha256 = this.mod.C_DigestFinal(s.handle, Buffer.alloc(32));
        }
        this.inlineGenerationMs += (performance.now() - started - this.inlineGenerationMs) / 16;
        return wrapped;
      } finally {
        this.keys.destroy(s, h);
      }
    });
  }

  /**
   * generationWorker 'auto': is the event loop busy enough for the worker to pay? On an idle server each hop to
   * the worker and back waits for a sleeping thread to wake (measured ~160-200 us each way here, against ~100 us
   * for the calls themselves), so inline is faster; under load the loop's time is what every client waits for.
   * Decided once per loop window (workerPays).
   */
  private loopBusy(): boolean {
    const w = this.loopLoad.window();
    if (w.fresh) {
      const moved = this.generatedInWorker - this.workerKeysAtWindow;
      this.workerKeysAtWindow = this.generatedInWorker;
      this.offload = workerPays(w, moved, this.inlineGenerationMs);
    }
    return this.offload;
  }

  /**
   * The same generation in the worker thread (generation-worker.ts), or undefined: the caller then runs it
   * inline. Inline are: generations while the event loop is not busy (mode 'auto'); the first one meant for the
   * worker (it starts the worker, so a one-off caller such as the CLI never waits for a thread); any before the
   * current KEK's token object has been found on the event loop (after start-up or a pool reset); and any that
   * failed in the worker, where the session pool recovers a lost session or login and maps the error.
   */
  private async generateInWorker(
    spec: KeySpec, bytes: number, req: Omit<GenerationRequest, 'kekToken' | 'generation'>,
  ): Promise<WrappedKey | undefined> {
    const mode = this.cfg.generationWorker ?? 'auto';
    if (mode === 'never' || this.closed || this.pool.isClosed) return undefined;
    if (mode === 'auto' && !this.loopBusy()) return undefined;
    const worker = this.generator;
    if (!worker) {
      this.generator = new GenerationWorker({
        modulePath: this.cfg.modulePath, slot: this.slot, wrapMechanism: P.CKM_AES_KEY_WRAP_PAD, copyRefusals: [...COPY_REFUSALS],
      });
      return undefined;
    }
    const kekId = this.keys.currentKekId;
    const kekToken = this.keys.knownTokenKek(kekId);
    if (!kekToken || !worker.available) return undefined;
    try {
      const r = await worker.generate({ ...req, kekToken, generation: this.pool.currentGeneration });
      return { wrapped: encodeBlob(spec, bytes, r.wrapped), kekId, ...(r.rawSha256 ? { rawSha256: r.rawSha256 } : {}) };
    } catch {
      return undefined;
    }
  }

  generateKeyPair(spec: KeyPairSpec): Promise<KeyPairResult> {
    return hsmGenerateKeyPair(this.hsm, spec);
  }

  async importKey(material: Buffer, spec: KeySpec = { keyClass: 'secret', algorithm: 'GENERIC' }): Promise<WrappedKey> {
    validateMaterial(spec, material);
    let template: pkcs11js.Template;
    let values: Buffer[] = [];
    if (spec.keyClass === 'private' && spec.algorithm === 'ED25519') {
      return this.pool.use('importing a key', (s) => this.keys.wrapCarried(s, spec, material));
    }
    if (spec.keyClass === 'private') {
      const { attrs } = privateKeyAttributes(material);
      values = attrs.map((a) => a.value as Buffer);
      template = [...sessionKeyTemplate(spec, 'wrap'), ...attrs];
    } else {
      const asObject = spec.keyClass === 'public' ? CARRIER : spec;
      const value = Buffer.from(material);
      values = [value];
      template = [...sessionKeyTemplate(asObject, 'wrap', material.length), { type: P.CKA_VALUE, value }];
    }
    try {
      return await this.pool.use('importing a key', (s) => {
        const h = this.mod.C_CreateObject(s.handle, template);
        try {
          return this.keys.wrapObject(s, h, spec, material.length);
        } finally {
          this.keys.destroy(s, h);
        }
      });
    } finally {
      for (const v of values) v.fill(0);
    }
  }

  async exportKey(key: WrappedKey): Promise<Buffer> {
    const { spec, length } = decodeBlob(key.wrapped);
    if (spec.keyClass === 'private') return this.pool.use('exporting a key', (s) => this.keys.exportIn(s, key));
    // Secret and public material: Get reads CKA_VALUE from a cached 'export' unwrap in the session (like the
    // 'use' cache of withKey), instead of C_UnwrapKey + C_DestroyObject on every Get (3x the HSM time on
    // SoftHSM2). The copy is a session object of this application only, dropped by forget() and LRU eviction.
    // Admission: a copy is cached from a key's second export on, so a one-off export (the Digest that
    // Create computes) does not push the hot 'use' copies of Encrypt/Decrypt out of the LRU.
    const cacheKey = this.keys.cacheKey(key) + EXPORT_SUFFIX;
    return this.pool.use('exporting a key', (s) => {
      let h = this.pool.cached(s, cacheKey);
      if (!h) {
        if (!this.exportedOnce.has(cacheKey)) {
          if (this.exportedOnce.size >= EXPORT_SEEN_MAX) this.exportedOnce.clear();
          this.exportedOnce.add(cacheKey);
          return this.keys.exportIn(s, key);
        }
        h = this.keys.unwrap(s, key, 'export').h;
        this.pool.remember(s, cacheKey, h);
      }
      const [v] = this.mod.C_GetAttributeValue(s.handle, h, [{ type: P.CKA_VALUE }]);
      return this.keys.trimValue(v.value as Buffer, length);
    });
  }

  keySpec(key: WrappedKey): KeySpec {
    return decodeBlob(key.wrapped).spec;
  }

  /** Public key of a key reference, for operations done with node:crypto. */
  private async publicKeyObject(key: KeyRef): Promise<nodeCrypto.KeyObject> {
    if (isPublicKeyRef(key)) {
      return validateMaterial({ keyClass: 'public', algorithm: spkiAlgorithm(key.publicKey) }, key.publicKey)!;
    }
    const spec = this.keySpec(key);
    if (spec.keyClass === 'public') {
      const spki = await this.exportKey(key);
      return nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
    }
    if (spec.keyClass === 'private' && spec.algorithm === 'RSA') {
      const spki = await this.keys.withKey('reading a public key', key, (s, h) => rsaPublicFromPrivate(this.mod, s.handle, h));
      return nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
    }
    throw invalidField(`use the public key for this operation, not a ${spec.algorithm} ${spec.keyClass} key`);
  }

  /** ChaCha20 (SoftHSM2 has none): the secret is unwrapped in the HSM and used in software for this call. */
  private async stream<R>(key: KeyRef, fn: (plain: Buffer) => R): Promise<R> {
    if (isPublicKeyRef(key) || this.keySpec(key).keyClass !== 'secret') throw invalidField('a stream cipher needs a symmetric key');
    return this.pool.use('stream cipher', (s) => {
      const plain = this.keys.exportIn(s, key);
      try {
        return fn(plain);
      } finally {
        plain.fill(0);
      }
    });
  }

  async encrypt(key: KeyRef, data: Buffer, params: CipherParams): Promise<EncryptResult> {
    if (params.cipher) return this.stream(key, (plain) => soft.chachaEncrypt(plain, data, params));
    if (!isPublicKeyRef(key) && this.keySpec(key).keyClass === 'secret') {
      return this.keys.withKey('encrypting', key, (s, h, spec) => hsmEncrypt(this.mod, s.handle, h, cipherAlg(spec), data, params));
    }
    const pub = await this.publicKeyObject(key);
    if (pub.asymmetricKeyType !== 'rsa') throw notSupported('only RSA keys can encrypt');
    return { data: soft.rsaPublicEncrypt(pub, data, params) };
  }

  async decrypt(key: KeyRef, data: Buffer, params: DecipherParams): Promise<Buffer> {
    if (isPublicKeyRef(key)) throw invalidField('a public key cannot decrypt');
    if (params.cipher) return this.stream(key, (plain) => soft.chachaDecrypt(plain, data, params));
    const spec = this.keySpec(key);
    if (spec.keyClass === 'secret') {
      return this.keys.withKey('decrypting', key, (s, h) => hsmDecrypt(this.mod, s.handle, h, cipherAlg(spec), data, params));
    }
    if (spec.keyClass !== 'private' || spec.algorithm !== 'RSA') throw invalidField(`a ${spec.algorithm} ${spec.keyClass} key cannot decrypt`);
    checkRsaDecryptParams(params);
    return this.keys.withKey('decrypting', key, (s, h) => hsmRsaDecrypt(this.mod, s.handle, h, data, params));
  }

  async sign(key: WrappedKey, data: Buffer, params: SignParams): Promise<Buffer> {
    const spec = this.keySpec(key);
    if (spec.keyClass !== 'private') throw invalidField(`a ${spec.keyClass} key cannot sign`);
    const h = hashInfo(params.hash);
    if (params.prehashed && !params.raw && data.length !== h.bytes) throw invalidField(`digested data must be ${h.bytes} bytes for ${params.hash}`);
    if (spec.algorithm === 'ED25519') return this.edSign(key, data, params);
    if (!params.prehashed && !hasHashMechanisms(params.hash)) {
      // SHA-3: the HSM has no such hash; the digest is computed here and signed in the HSM as Digested Data.
      if (params.padding === 'PSS') throw notSupported(`RSA-PSS with ${params.hash} is not supported by this HSM`);
      params = { ...params, prehashed: true, raw: false };
      data = soft.softHash(data, params.hash);
    }
    if (data.length === 0) throw invalidField('there is no data to sign'); // pkcs11js refuses an empty buffer
    return this.keys.withKey('signing', key, (s, kh) => hsmSign(this.mod, s.handle, kh, spec.algorithm as 'RSA' | 'EC', data, params));
  }

  /** PureEdDSA with a cached signing object made from the key's carrier (eddsa.ts). */
  private edSign(key: WrappedKey, data: Buffer, params: SignParams): Promise<Buffer> {
    if (params.prehashed) throw notSupported('Ed25519 signs the data itself (PureEdDSA); Digested Data (Ed25519ph) is not supported');
    const cacheKey = this.keys.cacheKey(key) + ED_SUFFIX;
    return this.pool.use('signing', (s) => {
      let h = this.pool.cached(s, cacheKey);
      if (!h) {
        const pkcs8 = this.keys.exportIn(s, key);
        try {
          h = ed25519Signer(this.mod, s.handle, pkcs8);
        } finally {
          pkcs8.fill(0);
        }
        this.pool.remember(s, cacheKey, h);
      }
      return hsmEdSign(this.mod, s.handle, h, data);
    });
  }

  async deriveEcdh(privateKey: WrappedKey, peerPublicKey: Buffer, spec: KeySpec, lengthBytes: number): Promise<WrappedKey> {
    checkDerivedSpec(spec);
    checkSecretLength(spec, lengthBytes);
    const own = this.keySpec(privateKey);
    if (own.keyClass !== 'private' || own.algorithm !== 'EC') throw invalidField(`ECDH needs an EC private key, not a ${own.algorithm} ${own.keyClass} key`);
    return this.keys.withKey('deriving a key', privateKey, (s, h) => {
      const z = hsmEcdh(this.mod, s.handle, h, peerPublicKey, lengthBytes);
      try {
        return this.keys.wrapObject(s, z, spec, lengthBytes);
      } finally {
        this.keys.destroy(s, z);
      }
    });
  }

  /** Bring your own key: C_UnwrapKey inside the token (unwrap-import.ts). */
  async unwrapImport(wrappingKey: WrappedKey, wrapped: Buffer, method: UnwrapMethod, spec: KeySpec, lengthBytes?: number): Promise<WrappedKey | undefined> {
    return hsmUnwrapImport(this.mod, this.pool, this.keys, wrappingKey, wrapped, method, spec, lengthBytes);
  }

  async verify(key: KeyRef, data: Buffer, signature: Buffer, params: SignParams): Promise<boolean> {
    return soft.softVerify(await this.publicKeyObject(key), data, signature, params);
  }

  mac(key: WrappedKey, data: Buffer, params: MacParams): Promise<Buffer> {
    return hsmMac(this.hsm, key, data, params);
  }

  async hash(data: Buffer, alg: HashAlg): Promise<Buffer> {
    if (!hasHashMechanisms(alg)) return soft.softHash(data, alg);
    hashMechanisms(alg);
    return this.pool.use('hashing', (s) => hsmDigest(this.mod, s.handle, data, alg));
  }

  async random(length: number): Promise<Buffer> {
    if (!Number.isInteger(length) || length < 0 || length > 1 << 20) throw invalidField(`random length ${length} is out of range (0..1048576)`);
    if (length === 0) return Buffer.alloc(0);
    return this.pool.use('generating random bytes', (s) => Buffer.from(this.mod.C_GenerateRandom(s.handle, Buffer.alloc(length))));
  }

  /** C_SeedRandom (PKCS#11 §5.15): the token mixes the bytes into its generator; all of them are used. */
  async seedRandom(seed: Buffer): Promise<number> {
    if (seed.length === 0) return 0;
    await this.pool.use('seeding the random generator', (s) => this.mod.C_SeedRandom(s.handle, Buffer.from(seed)));
    return seed.length;
  }

  async rewrap(key: WrappedKey, toKekId = this.currentKekId): Promise<WrappedKey> {
    return this.pool.use('re-wrapping a key', (s) => {
      const { h, spec, length } = this.keys.unwrap(s, key, 'wrap');
      try {
        return this.keys.wrapObject(s, h, spec, length, toKekId);
      } finally {
        this.keys.destroy(s, h);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The worker's session must be idle before the pool closes every session and the module is finalised.
    await this.generator?.stop();
    this.pool.close();
    releaseModule(this.cfg.modulePath);
  }
}

/**
 * The software crypto provider: node:crypto, for machines without PKCS#11. Material is wrapped with
 * RFC 5649 (id-aes256-wrap-pad) under a 256-bit KEK kept in <dir>/software-kek.json (mode 0600).
 * Plaintext keys exist only for the duration of one call and are zeroed afterwards.
 */
import * as nodeCrypto from 'node:crypto';
import { promisify } from 'node:util';
import type {
  CipherParams, CryptoProvider, DecipherParams, EncryptResult, HashAlg, KeyPairResult, KeyPairSpec, KeyRef,
  KeySpec, MacParams, ProviderInfo, SignParams, UnwrapMethod, WrappedKey,
} from '../port';
import { isPublicKeyRef } from '../port';
import { decodeBlob, encodeBlob } from '../blob';
import { cipherAlg, curveInfo, secretLengthBytes, setDesParity, symmetricKeyPlan, type SecretAlgorithm, type SecretKeyPlan } from '../common';
import { CryptoError, invalidField, notSupported } from '../errors';
import { ResultReason } from '../../kmip/enums';
import { spkiAlgorithm, validateMaterial } from '../material';
import { plannedUnwrapLength, softAesUnwrap } from '../unwrap-import';
import { loadOrCreateKeks, nextKekId, saveKeks, type KekSet } from './kek-file';
import * as ops from './ops';

const generateKeyPairAsync = promisify(nodeCrypto.generateKeyPair);

export interface SoftwareProviderOptions {
  /** Server directory holding software-kek.json. */
  dir: string;
  /** Create the KEK file when absent (first start). Default true. */
  create?: boolean;
}

export class SoftwareCryptoProvider implements CryptoProvider {
  readonly info: ProviderInfo;
  private keks: KekSet;
  private closed = false;

  constructor(private readonly opts: SoftwareProviderOptions) {
    this.keks = loadOrCreateKeks(opts.dir, opts.create ?? true);
    this.info = {
      kind: 'software',
      description: `software (node:crypto ${process.versions.openssl ? 'OpenSSL ' + process.versions.openssl : ''}), KEK file in ${opts.dir}`,
    };
  }

  get currentKekId(): string {
    return this.keks.current;
  }

  private kek(id: string): Buffer {
    if (this.closed) throw new CryptoError(ResultReason.GeneralFailure, 'crypto provider is closed', 'CLOSED');
    const k = this.keks.keys.get(id);
    if (!k) throw new CryptoError(ResultReason.CryptographicFailure, `key-encryption key ${id} is not known to this provider`, 'KEK_UNKNOWN');
    return k;
  }

  private wrap(spec: KeySpec, plain: Buffer, kekId = this.keks.current): WrappedKey {
    return { wrapped: encodeBlob(spec, plain.length, ops.kwpWrap(this.kek(kekId), plain)), kekId };
  }

  /** Runs fn with the unwrapped material and zeroes it afterwards. */
  private withPlain<R>(key: WrappedKey, fn: (plain: Buffer, spec: KeySpec) => R): R {
    const { spec, length, wrapped } = decodeBlob(key.wrapped);
    const plain = ops.kwpUnwrap(this.kek(key.kekId), wrapped);
    try {
      if (plain.length !== length) throw new CryptoError(ResultReason.CryptographicFailure, 'unwrapped material has the wrong length', 'BAD_BLOB');
      return fn(plain, spec);
    } finally {
      plain.fill(0);
    }
  }

  private withKeyObject<R>(key: KeyRef, fn: (k: nodeCrypto.KeyObject, spec: KeySpec) => R): R {
    if (isPublicKeyRef(key)) {
      const spec: KeySpec = { keyClass: 'public', algorithm: spkiAlgorithm(key.publicKey) };
      return fn(validateMaterial(spec, key.publicKey)!, spec);
    }
    return this.withPlain(key, (plain, spec) => {
      if (spec.keyClass === 'secret') throw invalidField(`a ${spec.algorithm} secret key cannot be used for a public-key operation`);
      const k = spec.keyClass === 'private'
        ? nodeCrypto.createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' })
        : nodeCrypto.createPublicKey({ key: plain, format: 'der', type: 'spki' });
      return fn(k, spec);
    });
  }

  async generateSymmetricKey(algorithm: number, lengthBits: number): Promise<WrappedKey> {
    return this.generatePlanned(symmetricKeyPlan(algorithm, lengthBits));
  }

  async generateSecretKey(algorithm: SecretAlgorithm, lengthBits: number): Promise<WrappedKey> {
    return this.generatePlanned({ algorithm, bytes: secretLengthBytes(algorithm, lengthBits), gen: algorithm === 'DES3' ? 'DES3' : 'GENERIC' });
  }

  private generatePlanned(plan: SecretKeyPlan): WrappedKey {
    const plain = nodeCrypto.randomBytes(plan.bytes);
    try {
      if (plan.gen === 'DES' || plan.gen === 'DES2' || plan.gen === 'DES3') setDesParity(plain);
      return this.wrap({ keyClass: 'secret', algorithm: plan.algorithm }, plain);
    } finally {
      plain.fill(0);
    }
  }

  async generateKeyPair(spec: KeyPairSpec): Promise<KeyPairResult> {
    let pair: { publicKey: nodeCrypto.KeyObject; privateKey: nodeCrypto.KeyObject };
    if (spec.algorithm === 'RSA') {
      checkRsaSpec(spec.modulusBits, spec.publicExponent);
      pair = await generateKeyPairAsync('rsa', { modulusLength: spec.modulusBits, publicExponent: spec.publicExponent ?? 65537 });
    } else if (spec.algorithm === 'EC') {
      pair = await generateKeyPairAsync('ec', { namedCurve: curveInfo(spec.curve).node });
    } else if (spec.algorithm === 'ED25519') {
      pair = await generateKeyPairAsync('ed25519', {});
    } else {
      throw notSupported(`key pair algorithm ${(spec as { algorithm: string }).algorithm} is not supported`);
    }
    const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    try {
      return {
        publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }),
        privateKey: this.wrap({ keyClass: 'private', algorithm: spec.algorithm }, pkcs8),
      };
    } finally {
      pkcs8.fill(0);
    }
  }

  async importKey(material: Buffer, spec: KeySpec = { keyClass: 'secret', algorithm: 'GENERIC' }): Promise<WrappedKey> {
    validateMaterial(spec, material);
    return this.wrap(spec, material);
  }

  async exportKey(key: WrappedKey): Promise<Buffer> {
    return this.withPlain(key, (plain) => Buffer.from(plain));
  }

  keySpec(key: WrappedKey): KeySpec {
    return decodeBlob(key.wrapped).spec;
  }

  async encrypt(key: KeyRef, data: Buffer, params: CipherParams): Promise<EncryptResult> {
    if (params.cipher) return this.withPlain(asWrapped(key), (plain) => ops.chachaEncrypt(plain, data, params));
    if (!isPublicKeyRef(key) && this.keySpec(key).keyClass === 'secret') {
      return this.withPlain(key, (plain, spec) => ops.symmetricEncrypt(cipherAlg(spec), plain, data, params));
    }
    return this.withKeyObject(key, (k) => {
      if (k.asymmetricKeyType !== 'rsa') throw notSupported('only RSA keys can encrypt');
      const pub = k.type === 'private' ? nodeCrypto.createPublicKey(k) : k;
      return { data: ops.rsaPublicEncrypt(pub, data, params) };
    });
  }

  async decrypt(key: KeyRef, data: Buffer, params: DecipherParams): Promise<Buffer> {
    if (isPublicKeyRef(key)) throw invalidField('a public key cannot decrypt');
    if (params.cipher) return this.withPlain(key, (plain) => ops.chachaDecrypt(plain, data, params));
    const spec = this.keySpec(key);
    if (spec.keyClass === 'secret') return this.withPlain(key, (plain) => ops.symmetricDecrypt(cipherAlg(spec), plain, data, params));
    if (spec.keyClass !== 'private' || spec.algorithm !== 'RSA') throw invalidField(`a ${spec.algorithm} ${spec.keyClass} key cannot decrypt`);
    return this.withKeyObject(key, (k) => ops.rsaPrivateDecrypt(k, data, params));
  }

  async sign(key: WrappedKey, data: Buffer, params: SignParams): Promise<Buffer> {
    const spec = this.keySpec(key);
    if (spec.keyClass !== 'private') throw invalidField(`a ${spec.keyClass} key cannot sign`);
    return this.withKeyObject(key, (k) => ops.softSign(k, data, params));
  }

  async verify(key: KeyRef, data: Buffer, signature: Buffer, params: SignParams): Promise<boolean> {
    return this.withKeyObject(key, (k) => {
      const pub = k.type === 'private' ? nodeCrypto.createPublicKey(k) : k;
      return ops.softVerify(pub, data, signature, params);
    });
  }

  async mac(key: WrappedKey, data: Buffer, params: MacParams): Promise<Buffer> {
    return this.withPlain(key, (plain, spec) => {
      if (spec.keyClass !== 'secret') throw invalidField('MAC needs a secret key');
      return ops.softMac(spec.algorithm as SecretAlgorithm, plain, data, params);
    });
  }

  async deriveEcdh(privateKey: WrappedKey, peerPublicKey: Buffer, spec: KeySpec, lengthBytes: number): Promise<WrappedKey> {
    checkDerivedSpec(spec);
    const own = this.keySpec(privateKey);
    if (own.keyClass !== 'private' || own.algorithm !== 'EC') throw invalidField(`ECDH needs an EC private key, not a ${own.algorithm} ${own.keyClass} key`);
    const peer = validateMaterial({ keyClass: 'public', algorithm: 'EC' }, peerPublicKey)!;
    const z = this.withKeyObject(privateKey, (k) => ops.softEcdh(k, peer));
    try {
      if (lengthBytes < 1 || lengthBytes > z.length) throw invalidField(`ECDH yields ${z.length} bytes; ${lengthBytes} were asked for`);
      // The last bytes, as SoftHSM2's CKD_NULL truncation keeps them (pkcs11/ecdh.ts).
      const material = z.subarray(z.length - lengthBytes);
      validateMaterial(spec, material);
      return this.wrap(spec, material);
    } finally {
      z.fill(0);
    }
  }

  /** Bring your own key (port.ts): node:crypto unwraps, the result is wrapped under the KEK at once. */
  async unwrapImport(wrappingKey: WrappedKey, wrapped: Buffer, method: UnwrapMethod, spec: KeySpec, lengthBytes?: number): Promise<WrappedKey> {
    const n = plannedUnwrapLength(method, wrapped, spec, lengthBytes);
    const plain = method.kind === 'RSA-OAEP'
      ? this.withKeyObject(wrappingKey, (k, ks) => {
        if (ks.keyClass !== 'private' || ks.algorithm !== 'RSA') throw invalidField('RSA-OAEP unwrapping needs an RSA private key');
        return ops.rsaPrivateDecrypt(k, wrapped, { padding: 'OAEP', hash: method.hash ?? 'SHA-1', mgfHash: method.mgfHash, label: method.label });
      })
      : this.withPlain(wrappingKey, (kek, ks) => {
        if (ks.keyClass !== 'secret' || ks.algorithm !== 'AES') throw invalidField('AES Key Wrap needs an AES wrapping key');
        return softAesUnwrap(kek, wrapped, method.kind === 'AES-KWP');
      });
    try {
      if (plain.length !== n) throw invalidField(`the unwrapped key is ${plain.length} bytes, not ${n}`);
      validateMaterial(spec, plain);
      const out = this.wrap(spec, plain);
      out.rawSha256 = nodeCrypto.createHash('sha256').update(plain).digest();
      return out;
    } finally {
      plain.fill(0);
    }
  }

  async hash(data: Buffer, alg: HashAlg): Promise<Buffer> {
    return ops.softHash(data, alg);
  }

  async random(length: number): Promise<Buffer> {
    if (!Number.isInteger(length) || length < 0 || length > 1 << 20) throw invalidField(`random length ${length} is out of range (0..1048576)`);
    return nodeCrypto.randomBytes(length);
  }

  async createKek(): Promise<string> {
    const id = nextKekId(this.keks);
    const keys = new Map(this.keks.keys);
    keys.set(id, nodeCrypto.randomBytes(32));
    const next = { current: id, keys };
    saveKeks(this.opts.dir, next); // persist first: a KEK is never used before it is on disk
    this.keks = next;
    return id;
  }

  async adoptKek(id: string): Promise<void> {
    if (!this.keks.keys.has(id)) {
      const reloaded = loadOrCreateKeks(this.opts.dir, false);
      // Keep every KEK this provider already holds (the file only ever gains keys).
      this.keks = { current: this.keks.current, keys: new Map([...reloaded.keys, ...this.keks.keys]) };
    }
    if (!this.keks.keys.has(id)) throw new CryptoError(ResultReason.CryptographicFailure, `key-encryption key ${id} is not in ${this.opts.dir}`, 'KEK_MISSING');
    this.keks = { ...this.keks, current: id };
  }

  async rewrap(key: WrappedKey, toKekId = this.keks.current): Promise<WrappedKey> {
    this.kek(toKekId);
    return this.withPlain(key, (plain, spec) => this.wrap(spec, plain, toKekId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const k of this.keks.keys.values()) k.fill(0);
  }
}

export function checkRsaSpec(bits: number, exponent?: number): void {
  if (![1024, 2048, 3072, 4096].includes(bits)) throw invalidField(`RSA modulus length must be 1024, 2048, 3072 or 4096 bits, not ${bits}`);
  if (exponent !== undefined && (exponent < 3 || exponent % 2 === 0 || exponent > 0xffffffff)) {
    throw invalidField(`RSA public exponent ${exponent} is not an odd number >= 3`);
  }
}

/** What ECDH may produce: a secret key (the ciphers need their exact lengths, checked by validateMaterial). */
export function checkDerivedSpec(spec: KeySpec): void {
  if (spec.keyClass !== 'secret') throw invalidField('ECDH derives a secret key');
}

function asWrapped(key: KeyRef): WrappedKey {
  if (isPublicKeyRef(key)) throw invalidField('a stream cipher needs a symmetric key');
  return key;
}

/**
 * Derive Key (KMIP 1.0+, 1.4 §4.6): a new Symmetric Key or Secret Data from keys or Secret Data already
 * managed. Methods:
 *   PBKDF2         PKCS#5 / RFC 8018 with HMAC-<Hashing Algorithm> (SHA-1 default); the password is the
 *                  Derivation Data, or the base object's material (OASIS TC-DERIVEKEY-3/4/5).
 *   HASH           digest of the Derivation Data, or of the base key when none (TC-DERIVEKEY-1).
 *   HMAC           HMAC(base key, Derivation Data); hash from Cryptographic Parameters or the key's HMAC
 *                  algorithm (TC-DERIVEKEY-2).
 *   ENCRYPT        the base key encrypts the Derivation Data (mode and padding from Cryptographic Parameters,
 *                  IV from Initialization Vector, zeros when absent).
 *   NIST800-108-C  SP 800-108 KDF in counter mode: K(i) = PRF(KI, [i]32 || Derivation Data), PRF = HMAC or
 *                  CMAC (Block Cipher Mode CMAC); the Derivation Data is the fixed input (Label||0x00||Context,
 *                  as KMIP defines it; PyKMIP computes the same).
 *   Asymmetric Key ECDH of a Private Key and a peer Public Key (derive-ecdh.ts, TC-DERIVEKEY-6-14), inside the
 *                  provider: the secret is never outside the HSM unwrapped.
 * HMAC, ENCRYPT and the SP 800-108 PRF run inside the crypto provider (the base key stays in the HSM);
 * HASH and PBKDF2 need the base material itself, which is exported for the call and zeroed.
 * The derived material is imported into the provider at once and zeroed; the two objects are linked
 * (Derivation Base Object on the new one, Derived Key on each base).
 */
import * as nodeCrypto from 'node:crypto';
import { ItemType } from '../../kmip/item-type';
import {
  CryptographicAlgorithm, CryptographicUsageMask, DerivationMethod, KeyFormatType, LinkType, ObjectType, Operation, ResultReason,
  SecretDataType, Tag,
} from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, child, children, type TtlvItem } from '../../ttlv/item';
import { encodeTtlv } from '../../ttlv/binary-writer';
import { addInstance, dateOf, findAttr, intOf, renumber, setSingle } from '../../attributes/list';
import { mayProtect, violationReason } from '../../lifecycle';
import type { HashAlg, KeySpec, WrappedKey } from '../../crypto/port';
import { HASHES as HASH_INFO } from '../../crypto/common';
import type { StoredObject } from '../../store/port';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { checkPolicy, enumValue, isDestroyed, loadObject, nowSeconds, reasonFor, saveObject, uidItem } from '../common';
import { clientAttributes, createObject } from '../new-object';
import { digestValue } from '../objects';
import { cryptoParams, HMAC_HASHES, type KmipCryptoParams } from './params';
import { deriveByEcdh } from './derive-ecdh';
import { digestOf } from '../create';

/** PBKDF2 iteration ceiling: a request cannot keep a worker busy for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Largest derived object, in bytes. */
const MAX_DERIVED_BYTES = 1024;

const invalid = (m: string): KmipError => new KmipError(ResultReason.InvalidField, m);

interface Base {
  obj: StoredObject;
  key: WrappedKey;
}

const SYMMETRIC_BASES: readonly number[] = [ObjectType.SymmetricKey, ObjectType.SecretData];
const ASYMMETRIC_BASES: readonly number[] = [ObjectType.PrivateKey, ObjectType.PublicKey];

/** A base object: of the caller's tenant, a key or Secret Data, Derive Key in its usage mask, usable now. */
function loadBase(ctx: OperationContext, uid: string): Base {
  const obj = loadChecked(ctx, uid, SYMMETRIC_BASES);
  if (isDestroyed(obj) || !obj.material || !obj.kekId) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${uid}" has no key material`);
  return { obj, key: { wrapped: obj.material, kekId: obj.kekId } };
}

/** The checks every derivation input passes: tenant and policy, object type, Derive Key usage, lifecycle. */
function loadChecked(ctx: OperationContext, uid: string, types: readonly number[]): StoredObject {
  const obj = loadObject(ctx, uid);
  checkPolicy(ctx, 'DeriveKey', obj);
  if (!types.includes(obj.objectType)) {
    const what = types === SYMMETRIC_BASES ? 'a Symmetric Key or Secret Data' : 'a Private Key or Public Key';
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.IllegalOperation), `object "${uid}" is not ${what}`);
  }
  const mask = intOf(obj.attributes, 'Cryptographic Usage Mask') ?? 0;
  if ((mask & CryptographicUsageMask.DeriveKey) === 0) {
    throw new KmipError(reasonFor(ctx, ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied), `object "${uid}" does not permit Derive Key`);
  }
  const dates = {
    activationDate: dateOf(obj.attributes, 'Activation Date'),
    deactivationDate: dateOf(obj.attributes, 'Deactivation Date'),
    protectStopDate: dateOf(obj.attributes, 'Protect Stop Date'),
  };
  const use = mayProtect(obj.state, dates, nowSeconds(ctx));
  if (!use.ok) throw new KmipError(violationReason(ctx.version), `object "${uid}": ${use.message}`);
  if (isDestroyed(obj)) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${uid}" has no key material`);
  return obj;
}

function bytesParam(params: TtlvItem, tag: number, what: string): Buffer | undefined {
  const f = child(params, tag);
  if (!f) return undefined;
  if (f.type !== ItemType.ByteString) throw invalid(`${what} must be a Byte String`);
  return f.value;
}

/** The PRF hash: Cryptographic Parameters, else the key's HMAC algorithm. */
function prfHash(p: KmipCryptoParams, base: Base, fallback?: HashAlg): HashAlg {
  const alg = intOf(base.obj.attributes, 'Cryptographic Algorithm');
  const h = p.hash ?? (alg !== undefined ? HMAC_HASHES[alg] : undefined) ?? fallback;
  if (!h) throw invalid('Cryptographic Parameters must give a Hashing Algorithm for this derivation');
  return h;
}

async function exported<R>(ctx: OperationContext, base: Base, fn: (plain: Buffer) => R): Promise<R> {
  const plain = await ctx.crypto.exportKey(base.key);
  try {
    return fn(plain);
  } finally {
    plain.fill(0);
  }
}

function tooLong(bytes: number, max: number): KmipError {
  return invalid(`the requested length (${bytes} bytes) exceeds what the derivation method yields (${max} bytes)`);
}

/** The derived bytes (an owned buffer the caller zeroes). */
async function derive(ctx: OperationContext, method: number, base: Base, params: TtlvItem, data: Buffer | undefined, bytes: number): Promise<Buffer> {
  let p: KmipCryptoParams;
  try {
    p = cryptoParams(params, base.obj);
  } catch {
    // The key's own Cryptographic Parameters may name a mode only its other uses know (a KEK's NISTKeyWrap):
    // the request's parameters alone then decide.
    p = cryptoParams(params, undefined);
  }
  switch (method) {
    case DerivationMethod.PBKDF2: {
      const salt = bytesParam(params, Tag.Salt, 'Salt');
      const it = child(params, Tag.IterationCount);
      if (!salt) throw invalid('PBKDF2 needs a Salt');
      if (it?.type !== ItemType.Integer || it.value < 1) throw invalid('PBKDF2 needs a positive Iteration Count');
      if (it.value > MAX_PBKDF2_ITERATIONS) throw invalid(`Iteration Count above ${MAX_PBKDF2_ITERATIONS} is refused`);
      const hash = HASH_INFO[p.hash ?? 'SHA-1'].node;
      const run = (password: Buffer) =>
        new Promise<Buffer>((resolve, reject) => nodeCrypto.pbkdf2(password, salt, it.value, bytes, hash, (e, k) => (e ? reject(e) : resolve(k))));
      if (data) return run(data);
      const plain = await ctx.crypto.exportKey(base.key);
      try {
        return await run(plain);
      } finally {
        plain.fill(0);
      }
    }
    case DerivationMethod.HASH: {
      if (!p.hash) throw invalid('HASH derivation needs a Hashing Algorithm in Cryptographic Parameters');
      const h = HASH_INFO[p.hash];
      if (bytes > h.bytes) throw tooLong(bytes, h.bytes);
      const digest = data ? await ctx.crypto.hash(data, p.hash) : await exported(ctx, base, (plain) => nodeCrypto.createHash(h.node).update(plain).digest());
      return truncate(digest, bytes);
    }
    case DerivationMethod.HMAC: {
      if (!data) throw invalid('HMAC derivation needs Derivation Data');
      const hash = prfHash(p, base);
      if (bytes > HASH_INFO[hash].bytes) throw tooLong(bytes, HASH_INFO[hash].bytes);
      return truncate(await ctx.crypto.mac(base.key, data, { algorithm: 'HMAC', hash }), bytes);
    }
    case DerivationMethod.ENCRYPT: {
      if (!data) throw invalid('ENCRYPT derivation needs Derivation Data');
      if (!p.mode) throw invalid('ENCRYPT derivation needs a Block Cipher Mode in Cryptographic Parameters');
      const spec = ctx.crypto.keySpec(base.key);
      const ivLen = p.mode === 'ECB' ? 0 : p.mode === 'GCM' ? 12 : spec.algorithm === 'DES3' ? 8 : 16;
      const iv = bytesParam(params, Tag.InitializationVector, 'Initialization Vector') ?? (ivLen ? Buffer.alloc(ivLen) : undefined);
      const out = await ctx.crypto.encrypt(base.key, data, { mode: p.mode, padding: p.padding ?? 'None', iv });
      if (bytes > out.data.length) throw tooLong(bytes, out.data.length);
      return truncate(out.data, bytes);
    }
    case DerivationMethod.NIST800_108_C: {
      if (!data) throw invalid('NIST SP 800-108 derivation needs Derivation Data (Label || 0x00 || Context)');
      const prf = p.cmac ? { algorithm: 'CMAC' as const } : { algorithm: 'HMAC' as const, hash: prfHash(p, base) };
      const blocks: Buffer[] = [];
      let have = 0;
      for (let i = 1; have < bytes; i++) {
        const counter = Buffer.alloc(4);
        counter.writeUInt32BE(i);
        const k = await ctx.crypto.mac(base.key, Buffer.concat([counter, data]), prf);
        blocks.push(k);
        have += k.length;
      }
      const all = Buffer.concat(blocks);
      for (const b of blocks) b.fill(0);
      return truncate(all, bytes);
    }
    default:
      // KMIP 1.4 §11 error table: Invalid Derivation Method -> Invalid Field.
      throw invalid(`Derivation Method 0x${method.toString(16)} is not supported (PBKDF2, HASH, HMAC, ENCRYPT, NIST800-108-C, Asymmetric Key)`);
  }
}

interface Derived {
  wrapped: WrappedKey;
  digest: TtlvItem | undefined;
  bases: StoredObject[];
}

/** The methods over symmetric keys and Secret Data: derived here or by the provider's MAC/cipher, then imported. */
async function derivedSymmetric(
  ctx: OperationContext, uids: string[], method: number, params: TtlvItem, spec: KeySpec, bytes: number, keyFormatType: number,
): Promise<Derived> {
  const bases = uids.map((u) => loadBase(ctx, u));
  let data = bytesParam(params, Tag.DerivationData, 'Derivation Data');
  let implicit: Buffer | undefined;
  if (bases.length === 2) {
    if (bases[1].obj.objectType !== ObjectType.SecretData) throw invalid('the second object must be Secret Data (the Derivation Data)');
    if (data) throw invalid('give the Derivation Data either explicitly or as a Secret Data object, not both');
    implicit = await ctx.crypto.exportKey(bases[1].key);
    data = implicit;
  }
  let material: Buffer;
  try {
    material = await derive(ctx, method, bases[0], params, data, bytes);
  } finally {
    implicit?.fill(0);
  }
  const digest = digestValue(material, keyFormatType);
  try {
    return { wrapped: await ctx.crypto.importKey(material, spec), digest, bases: bases.map((b) => b.obj) };
  } catch (e) {
    throw new KmipError(ResultReason.InvalidField, `the derived material is not a valid key of this algorithm: ${(e as Error).message}`);
  } finally {
    material.fill(0);
  }
}

/** ECDH: computed and wrapped inside the provider; the Digest reads the new key back once. */
async function derivedAsymmetric(
  ctx: OperationContext, uids: string[], params: TtlvItem, spec: KeySpec, bytes: number, keyFormatType: number,
): Promise<Derived> {
  const bases = uids.map((u) => loadChecked(ctx, u, ASYMMETRIC_BASES));
  const wrapped = await deriveByEcdh(ctx, bases, cryptoParams(params, undefined), spec, bytes);
  return { wrapped, digest: await digestOf(ctx, wrapped, keyFormatType), bases };
}

/** The first `bytes` bytes as an owned copy; the source is zeroed. */
function truncate(src: Buffer, bytes: number): Buffer {
  const out = Buffer.from(src.subarray(0, bytes));
  src.fill(0);
  return out;
}

function secretSpec(objectType: number, alg: number | undefined): KeySpec {
  if (objectType === ObjectType.SymmetricKey && alg === CryptographicAlgorithm.AES) return { keyClass: 'secret', algorithm: 'AES' };
  if (objectType === ObjectType.SymmetricKey && alg === CryptographicAlgorithm.DES3) return { keyClass: 'secret', algorithm: 'DES3' };
  if (objectType === ObjectType.SymmetricKey && alg !== undefined && HMAC_HASHES[alg]) return { keyClass: 'secret', algorithm: 'HMAC' };
  return { keyClass: 'secret', algorithm: 'GENERIC' };
}

function link(type: number, uid: string): TtlvItem {
  return T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);
}

export const deriveKey: OperationHandler = {
  operation: Operation.DeriveKey,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const objectType = enumValue(child(payload, Tag.ObjectType), 'Object Type');
    if (objectType !== ObjectType.SymmetricKey && objectType !== ObjectType.SecretData) {
      throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Derive Key creates a Symmetric Key or Secret Data');
    }
    // The ID Placeholder is not used in place of a Unique Identifier here (KMIP 1.4 §4.6).
    const uids = children(payload, Tag.UniqueIdentifier).map((u) => {
      if (u.type !== ItemType.TextString) throw invalid('Unique Identifier must be a Text String');
      return u.value;
    });
    if (uids.length === 0) throw invalid('Derive Key needs the Unique Identifier of the object to derive from');
    if (uids.length > 2) throw invalid('Derive Key takes a derivation key and at most one Secret Data object');
    const method = enumValue(child(payload, Tag.DerivationMethod), 'Derivation Method');
    if (method === undefined) throw invalid('Derivation Method is required');
    const params = child(payload, Tag.DerivationParameters);
    if (!params || params.type !== ItemType.Structure) throw invalid('Derivation Parameters is required');
    checkPolicy(ctx, 'DeriveKey');

    let attrs = clientAttributes(ctx, payload);
    const length = intOf(attrs, 'Cryptographic Length');
    const alg = intOf(attrs, 'Cryptographic Algorithm');
    if (length === undefined || length <= 0 || length % 8 !== 0 || length / 8 > MAX_DERIVED_BYTES) {
      throw invalid(`Derive Key needs a Cryptographic Length in whole bytes (8 to ${MAX_DERIVED_BYTES * 8} bits)`);
    }
    if (objectType === ObjectType.SymmetricKey && alg === undefined) throw invalid('a derived Symmetric Key needs a Cryptographic Algorithm');

    const spec = secretSpec(objectType, alg);
    const keyFormatType = objectType === ObjectType.SymmetricKey ? KeyFormatType.Raw : KeyFormatType.Opaque;
    const { wrapped, digest, bases } =
      method === DerivationMethod.AsymmetricKey
        ? await derivedAsymmetric(ctx, uids, params, spec, length / 8, keyFormatType)
        : await derivedSymmetric(ctx, uids, method, params, spec, length / 8, keyFormatType);
    const keyBlock = (fields: TtlvItem[]) => T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, keyFormatType), T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.alloc(0))]), ...fields]);
    const body =
      objectType === ObjectType.SymmetricKey
        ? T.struct(Tag.SymmetricKey, [keyBlock([T.enum(Tag.CryptographicAlgorithm, alg as number), T.int(Tag.CryptographicLength, length)])])
        : T.struct(Tag.SecretData, [T.enum(Tag.SecretDataType, SecretDataType.Seed), keyBlock([])]);
    for (const u of uids) attrs = addInstance(attrs, 'Link', link(LinkType.DerivationBaseObjectLink, u)).list;
    if (!findAttr(attrs, 'Cryptographic Length')) attrs = setSingle(attrs, 'Cryptographic Length', T.int(Tag.AttributeValue, length));
    const created = createObject(
      ctx,
      { objectType, attributes: attrs, body, wrapped, facts: { digest, keyFormatType, generated: false } },
      (b) => encodeTtlv(b),
    );
    for (const b of bases) {
      const fresh = loadObject(ctx, b.uid);
      saveObject(ctx, { ...fresh, attributes: renumber(addInstance(fresh.attributes, 'Link', link(LinkType.DerivedKeyLink, created.uid)).list) });
    }
    return { payload: [uidItem(created.uid)], idPlaceholder: created.uid };
  },
};

/**
 * Ed25519 key pairs (Create Key Pair, Get in PKCS#8 / X.509 / Raw, Sign and Signature Verify), Derive Key
 * with Derivation Method Asymmetric Key (ECDH, OASIS TC-DERIVEKEY-6-14) and the Digest of a registered key
 * in its registered format (OASIS TC_182_11), through the operation handlers on the software provider.
 */
import * as nodeCrypto from 'node:crypto';
import {
  Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, LinkType, RecommendedCurve, ResultReason, DerivationMethod,
  ValidityIndicator, HashingAlgorithm,
} from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { notSupported } from '../../../src/crypto/errors';
import { makeEnv, run, reasonOf, payloadStruct, uidOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const pairUids = (r: { payload: TtlvItem[] }) => ({
  priv: child(payloadStruct(r as never), Tag.PrivateKeyUniqueIdentifier)!.value as string,
  pub: child(payloadStruct(r as never), Tag.PublicKeyUniqueIdentifier)!.value as string,
});
const keyBlockOf = (g: { payload: TtlvItem[] }) => child(g.payload[2], Tag.KeyBlock)!;
const materialOf = (g: { payload: TtlvItem[] }) => child(child(keyBlockOf(g), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
const formatOf = (g: { payload: TtlvItem[] }) => child(keyBlockOf(g), Tag.KeyFormatType)!.value;
const links = (uid: string) =>
  env.store.get(uid)!.attributes.filter((a) => a.name === 'Link').map((a) => [child(a.value, Tag.LinkType)?.value, child(a.value, Tag.LinkedObjectIdentifier)?.value]);

async function createEd25519(length?: number): Promise<{ priv: string; pub: string }> {
  const common: TtlvItem[] = [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.Ed25519)];
  if (length !== undefined) common.push(T.int(Tag.CryptographicLength, length));
  const r = await run(Operation.CreateKeyPair, env.ctx(2, 1), [
    T.struct(Tag.CommonAttributes, common),
    T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Sign)]),
    T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Verify)]),
  ]);
  return pairUids(r);
}

const get = (uid: string, format?: number) =>
  run(Operation.Get, env.ctx(2, 1), [T.text(Tag.UniqueIdentifier, uid), ...(format === undefined ? [] : [T.enum(Tag.KeyFormatType, format)])]);

describe('Ed25519 key pairs', () => {
  test('Create Key Pair: linked halves, 256 bits, Get as PKCS#8 / X.509 and Raw of the same key', async () => {
    const { priv, pub } = await createEd25519();
    expect(links(priv)).toEqual([[LinkType.PublicKeyLink, pub]]);
    expect(links(pub)).toEqual([[LinkType.PrivateKeyLink, priv]]);
    for (const uid of [priv, pub]) {
      const a = env.store.get(uid)!.attributes;
      expect(a.find((x) => x.name === 'Cryptographic Algorithm')?.value.value).toBe(CryptographicAlgorithm.Ed25519);
      expect(a.find((x) => x.name === 'Cryptographic Length')?.value.value).toBe(256);
    }
    const gp = await get(priv);
    const gq = await get(pub);
    expect([formatOf(gp), formatOf(gq)]).toEqual([KeyFormatType.PKCS_8, KeyFormatType.X_509]);
    const sk = nodeCrypto.createPrivateKey({ key: materialOf(gp), format: 'der', type: 'pkcs8' });
    const pk = nodeCrypto.createPublicKey({ key: materialOf(gq), format: 'der', type: 'spki' });
    expect(sk.asymmetricKeyType).toBe('ed25519');
    expect(nodeCrypto.createPublicKey(sk).export({ format: 'der', type: 'spki' })).toEqual(materialOf(gq));
    // The stored private key is wrapped, not the PKCS#8 bytes.
    expect(env.store.get(priv)!.material!.includes(materialOf(gp).subarray(16))).toBe(false);

    const rawPriv = await get(priv, KeyFormatType.Raw);
    const rawPub = await get(pub, KeyFormatType.Raw);
    expect(formatOf(rawPriv)).toBe(KeyFormatType.Raw);
    expect(materialOf(rawPriv)).toEqual(Buffer.from(sk.export({ format: 'jwk' }).d!, 'base64url'));
    expect(materialOf(rawPub)).toEqual(Buffer.from(pk.export({ format: 'jwk' }).x!, 'base64url'));
    expect(await reasonOf(get(priv, KeyFormatType.TransparentECPrivateKey))).toBe(ResultReason.KeyFormatTypeNotSupported);
  });

  test('Re-key Key Pair of an Ed25519 pair makes a new Ed25519 pair linked to the old one', async () => {
    const { priv, pub } = await createEd25519();
    const r = await run(Operation.ReKeyKeyPair, env.ctx(2, 1), [T.text(Tag.PrivateKeyUniqueIdentifier, priv)]);
    const next = pairUids(r);
    expect([next.priv, next.pub]).not.toContain(priv);
    expect(links(next.priv)).toEqual(expect.arrayContaining([[LinkType.PublicKeyLink, next.pub], [LinkType.ReplacedObjectLink, priv]]));
    expect(links(priv)).toEqual(expect.arrayContaining([[LinkType.ReplacementObjectLink, next.priv]]));
    const sk = nodeCrypto.createPrivateKey({ key: materialOf(await get(next.priv)), format: 'der', type: 'pkcs8' });
    expect(sk.asymmetricKeyType).toBe('ed25519');
    expect(materialOf(await get(next.pub))).toEqual(nodeCrypto.createPublicKey(sk).export({ format: 'der', type: 'spki' }));
    expect(materialOf(await get(next.pub))).not.toEqual(materialOf(await get(pub)));
  });

  test('Sign (PureEdDSA) verifies with node:crypto and Signature Verify; Digested Data and RSA parameters are refused', async () => {
    const { priv, pub } = await createEd25519(256);
    const ctx = env.ctx(2, 1);
    await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, priv)]);
    await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, pub)]);
    const data = Buffer.from('message for Ed25519');
    const s = await run(Operation.Sign, ctx, [T.text(Tag.UniqueIdentifier, priv), T.bytes(Tag.Data, data)]);
    const sig = child(payloadStruct(s), Tag.SignatureData)!.value as Buffer;
    const pk = nodeCrypto.createPublicKey({ key: materialOf(await get(pub)), format: 'der', type: 'spki' });
    expect(nodeCrypto.verify(null, data, pk, sig)).toBe(true);
    const verify = async (d: Buffer, sg: Buffer) =>
      child(payloadStruct(await run(Operation.SignatureVerify, ctx, [T.text(Tag.UniqueIdentifier, pub), T.bytes(Tag.Data, d), T.bytes(Tag.SignatureData, sg)])), Tag.ValidityIndicator)!.value;
    expect(await verify(data, sig)).toBe(ValidityIndicator.Valid);
    expect(await verify(Buffer.from('another message'), sig)).toBe(ValidityIndicator.Invalid);
    expect(await reasonOf(run(Operation.Sign, ctx, [T.text(Tag.UniqueIdentifier, priv), T.bytes(Tag.DigestedData, Buffer.alloc(64, 1))]))).toBe(ResultReason.InvalidField);
    const rsaParams = T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256), T.enum(Tag.PaddingMethod, 0x0a)]);
    expect(await reasonOf(run(Operation.Sign, ctx, [T.text(Tag.UniqueIdentifier, priv), rsaParams, T.bytes(Tag.Data, data)]))).toBe(ResultReason.InvalidField);
  });

  test('a provider without Ed25519 (an HSM lacking CKM_EC_EDWARDS_KEY_PAIR_GEN) answers Feature Not Supported', async () => {
    const without = Object.create(env.crypto) as typeof env.crypto;
    without.generateKeyPair = async () => {
      throw notSupported('this HSM offers no Ed25519 (CKM_EC_EDWARDS_KEY_PAIR_GEN)');
    };
    const r = run(Operation.CreateKeyPair, env.ctx(2, 1, { crypto: without }), [
      T.struct(Tag.CommonAttributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.Ed25519)]),
      T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Sign)]),
      T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Verify)]),
    ]);
    expect(await reasonOf(r)).toBe(ResultReason.FeatureNotSupported);
    expect(env.store.count({ filters: [] })).toBe(0);
  });

  test('a Cryptographic Length other than 256 is Invalid Field', async () => {
    expect(await reasonOf(createEd25519(255))).toBe(ResultReason.InvalidField);
  });

  test('Register in Raw: kept as given for Get, signs the RFC 8032 TEST 2 signature, Get as PKCS#8 too', async () => {
    const seed = hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
    const ctx = env.ctx(2, 1);
    const r = await run(Operation.Register, ctx, [
      T.enum(Tag.ObjectType, ObjectType.PrivateKey),
      T.struct(Tag.Attributes, [T.int(Tag.CryptographicUsageMask, M.Sign)]),
      T.struct(Tag.PrivateKey, [
        T.struct(Tag.KeyBlock, [
          T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
          T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, Buffer.from(seed))]),
          T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.Ed25519),
          T.int(Tag.CryptographicLength, 256),
        ]),
      ]),
    ]);
    const uid = uidOf(r);
    const g = await get(uid);
    expect(formatOf(g)).toBe(KeyFormatType.Raw);
    expect(materialOf(g)).toEqual(seed);
    const p8 = await get(uid, KeyFormatType.PKCS_8);
    expect(materialOf(p8)).toEqual(Buffer.concat([hex('302e020100300506032b657004220420'), seed]));
    await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
    const s = await run(Operation.Sign, ctx, [T.text(Tag.UniqueIdentifier, uid), T.bytes(Tag.Data, hex('72'))]);
    expect((child(payloadStruct(s), Tag.SignatureData)!.value as Buffer).toString('hex')).toBe(
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    );
    // The Digest is over the key as registered: the Raw seed.
    const digest = env.store.get(uid)!.attributes.find((a) => a.name === 'Digest')!.value;
    expect(child(digest, Tag.KeyFormatType)?.value).toBe(KeyFormatType.Raw);
    expect(child(digest, Tag.DigestValue)?.value).toEqual(nodeCrypto.createHash('sha256').update(seed).digest());
  });
});

describe('Derive Key, Derivation Method Asymmetric Key (ECDH)', () => {
  const ACTIVE = () => attr1('Activation Date', T.date(0, BigInt(Math.floor(env.clock.now.getTime() / 1000) - 3600)));

  async function createEc(pubMask = M.DeriveKey | M.Verify): Promise<{ priv: string; pub: string }> {
    const r = await run(Operation.CreateKeyPair, env.ctx(1, 4), [
      T.struct(Tag.CommonTemplateAttribute, [
        attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.EC)),
        attr1('Cryptographic Domain Parameters', T.struct(0, [T.int(Tag.Qlength, 256), T.enum(Tag.RecommendedCurve, RecommendedCurve.SECP256K1)])),
        ACTIVE(),
      ]),
      T.struct(Tag.PrivateKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.DeriveKey | M.Sign))]),
      T.struct(Tag.PublicKeyTemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, pubMask))]),
    ]);
    return pairUids(r);
  }

  const derive = (privUid: string, pubUid: string, alg: number = CryptographicAlgorithm.ECDH) =>
    run(Operation.DeriveKey, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.text(Tag.UniqueIdentifier, privUid),
      T.text(Tag.UniqueIdentifier, pubUid),
      T.enum(Tag.DerivationMethod, DerivationMethod.AsymmetricKey),
      T.struct(Tag.DerivationParameters, [T.struct(Tag.CryptographicParameters, [T.enum(Tag.CryptographicAlgorithm, alg)])]),
      T.struct(Tag.TemplateAttribute, [
        attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)),
        attr1('Cryptographic Length', T.int(0, 256)),
        attr1('Cryptographic Usage Mask', T.int(0, M.Encrypt | M.Decrypt)),
      ]),
    ]);

  test('TC-DERIVEKEY-6-14: both sides get the same AES-256 key, the ECDH secret; linked to both bases; wrapped', async () => {
    const a = await createEc();
    const b = await createEc();
    const k1 = uidOf(await derive(a.priv, b.pub));
    const k2 = uidOf(await derive(b.priv, a.pub));
    const g1 = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, k1)]);
    const g2 = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, k2)]);
    expect(formatOf(g1)).toBe(KeyFormatType.Raw);
    expect(materialOf(g1)).toEqual(materialOf(g2));
    const privDer = materialOf(await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, a.priv), T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_8)]));
    const pubDer = materialOf(await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, b.pub)]));
    const z = nodeCrypto.diffieHellman({
      privateKey: nodeCrypto.createPrivateKey({ key: privDer, format: 'der', type: 'pkcs8' }),
      publicKey: nodeCrypto.createPublicKey({ key: pubDer, format: 'der', type: 'spki' }),
    });
    expect(materialOf(g1)).toEqual(z);
    expect(env.store.get(k1)!.material!.includes(z)).toBe(false);
    expect(links(k1)).toEqual([[LinkType.DerivationBaseObjectLink, a.priv], [LinkType.DerivationBaseObjectLink, b.pub]]);
    expect(links(a.priv)).toContainEqual([LinkType.DerivedKeyLink, k1]);
    expect(links(b.pub)).toContainEqual([LinkType.DerivedKeyLink, k1]);
    const digest = env.store.get(k1)!.attributes.find((x) => x.name === 'Digest')!.value;
    expect(child(digest, Tag.DigestValue)?.value).toEqual(nodeCrypto.createHash('sha256').update(z).digest());
  });

  test('refused: public key first, a public key without Derive Key, another algorithm, one key only', async () => {
    const a = await createEc();
    const b = await createEc(M.Verify);
    const c = await createEc();
    expect(await reasonOf(derive(c.pub, a.priv))).toBe(ResultReason.InvalidObjectType);
    // KMIP 1.4 has no Incompatible Cryptographic Usage Mask: Permission Denied.
    expect(await reasonOf(derive(a.priv, b.pub))).toBe(ResultReason.PermissionDenied);
    expect(await reasonOf(derive(a.priv, c.pub, CryptographicAlgorithm.RSA))).toBe(ResultReason.FeatureNotSupported);
    const one = run(Operation.DeriveKey, env.ctx(1, 4), [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      T.text(Tag.UniqueIdentifier, a.priv),
      T.enum(Tag.DerivationMethod, DerivationMethod.AsymmetricKey),
      T.struct(Tag.DerivationParameters, []),
      T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)), attr1('Cryptographic Length', T.int(0, 128))]),
    ]);
    expect(await reasonOf(one)).toBe(ResultReason.InvalidField);
  });
});

test('Register: the Digest of a Transparent RSA Private Key is over its TTLV Key Material, in that format (TC_182_11)', async () => {
  const { privateKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const j = privateKey.export({ format: 'jwk' });
  const big = (s: string | undefined) => BigInt('0x' + Buffer.from(s!, 'base64url').toString('hex'));
  const km = T.struct(Tag.KeyMaterial, [
    T.big(Tag.Modulus, big(j.n)), T.big(Tag.PrivateExponent, big(j.d)), T.big(Tag.PublicExponent, big(j.e)), T.big(Tag.P, big(j.p)),
    T.big(Tag.Q, big(j.q)), T.big(Tag.PrimeExponentP, big(j.dp)), T.big(Tag.PrimeExponentQ, big(j.dq)), T.big(Tag.CRTCoefficient, big(j.qi)),
  ]);
  const expected = nodeCrypto.createHash('sha256').update(encodeTtlv(km)).digest();
  const r = await run(Operation.Register, env.ctx(1, 1), [
    T.enum(Tag.ObjectType, ObjectType.PrivateKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, M.Sign))]),
    T.struct(Tag.PrivateKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.TransparentRSAPrivateKey),
        T.struct(Tag.KeyValue, [km]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
        T.int(Tag.CryptographicLength, 1024),
      ]),
    ]),
  ]);
  const digest = env.store.get(uidOf(r))!.attributes.find((a) => a.name === 'Digest')!.value;
  expect(child(digest, Tag.KeyFormatType)?.value).toBe(KeyFormatType.TransparentRSAPrivateKey);
  expect(child(digest, Tag.DigestValue)?.value).toEqual(expected);
});

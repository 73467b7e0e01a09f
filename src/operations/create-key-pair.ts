/**
 * Create Key Pair (KMIP 1.0+): an RSA, EC or Ed25519 (2.0+) key pair generated inside the crypto provider (the private key
 * never leaves it unwrapped). Attributes: Common (1.x Common Template-Attribute / 2.x Common Attributes)
 * apply to both, Private/Public ones to their key and override the common ones. The keys are linked to
 * each other (Public Key Link / Private Key Link).
 *
 * Formats as stored and returned by Get: RSA private PKCS#1, public PKCS#1 (PyKMIP's choice); EC and
 * Ed25519 private PKCS#8, public X.509 (SubjectPublicKeyInfo).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { CryptographicAlgorithm, KeyFormatType, LinkType, ObjectType, Operation, RecommendedCurve, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import type { Attribute } from '../attributes/model';
import { addInstance, findAttr, instances, setSingle } from '../attributes/list';
import type { Curve, KeyPairSpec, WrappedKey } from '../crypto/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, reasonFor, saveObject } from './common';
import { clientAttributes, createObject } from './new-object';
import { digestValue } from './objects';

const CURVES: ReadonlyArray<readonly [number, Curve, number]> = [
  [RecommendedCurve.P_256, 'P-256', 256],
  [RecommendedCurve.P_384, 'P-384', 384],
  [RecommendedCurve.P_521, 'P-521', 521],
  [RecommendedCurve.SECP256K1, 'secp256k1', 256],
];

/** Common attributes, then the key's own (single-instance ones replace, multi-instance ones add). */
function merge(common: Attribute[], own: Attribute[]): Attribute[] {
  let out = [...common];
  for (const a of own) {
    out = instances(own, a.name).length > 1 || a.index > 0 ? addInstance(out, a.name, a.value).list : setSingle(out, a.name, a.value);
  }
  return out;
}

function num(attrs: Attribute[], name: string): number | undefined {
  const a = findAttr(attrs, name);
  return a && (a.value.type === ItemType.Integer || a.value.type === ItemType.Enumeration) ? a.value.value : undefined;
}

function keyBlock(format: number, material: Buffer, alg: number, len: number): TtlvItem {
  return T.struct(Tag.KeyBlock, [
    T.enum(Tag.KeyFormatType, format),
    T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]),
    T.enum(Tag.CryptographicAlgorithm, alg),
    T.int(Tag.CryptographicLength, len),
  ]);
}

function pairSpec(ctx: OperationContext, attrs: Attribute[]): { spec: KeyPairSpec; alg: number; length: number } {
  const alg = num(attrs, 'Cryptographic Algorithm');
  const length = num(attrs, 'Cryptographic Length');
  if (alg === CryptographicAlgorithm.RSA) {
    if (length === undefined) throw new KmipError(ResultReason.InvalidField, 'RSA key pairs need a Cryptographic Length');
    return { spec: { algorithm: 'RSA', modulusBits: length }, alg, length };
  }
  if (alg === CryptographicAlgorithm.EC || alg === CryptographicAlgorithm.ECDSA) {
    const dp = findAttr(attrs, 'Cryptographic Domain Parameters');
    const rc = dp ? child(dp.value, Tag.RecommendedCurve) : undefined;
    const curve = rc?.type === ItemType.Enumeration ? CURVES.find((c) => c[0] === rc.value) : CURVES.find((c) => c[2] === length);
    if (!curve) throw new KmipError(ResultReason.InvalidField, 'EC key pairs need a supported curve (P-256, P-384, P-521, SECP256K1)');
    return { spec: { algorithm: 'EC', curve: curve[1] }, alg, length: curve[2] };
  }
  if (alg === CryptographicAlgorithm.Ed25519) {
    if (length !== undefined && length !== 256) throw new KmipError(ResultReason.InvalidField, `an Ed25519 key is 256 bits, not ${length}`);
    return { spec: { algorithm: 'ED25519' }, alg, length: 256 };
  }
  throw new KmipError(reasonFor(ctx, ResultReason.BadCryptographicParameters, ResultReason.InvalidField), 'Create Key Pair supports RSA, EC and Ed25519');
}

const linkTo = (type: number, uid: string): TtlvItem =>
  T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);

export const createKeyPair: OperationHandler = {
  operation: Operation.CreateKeyPair,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'CreateKeyPair');
    const common = clientAttributes(ctx, payload, 'common');
    const privAttrs = merge(common, clientAttributes(ctx, payload, 'private'));
    const pubAttrs = merge(common, clientAttributes(ctx, payload, 'public'));
    const { spec, alg, length } = pairSpec(ctx, privAttrs);
    let pair;
    try {
      pair = await ctx.crypto.generateKeyPair(spec);
    } catch (e) {
      // A provider without the algorithm (an HSM lacking Ed25519) says Feature Not Supported; anything else
      // about the request is Invalid Field.
      const reason = e instanceof KmipError && e.reason === ResultReason.FeatureNotSupported ? e.reason : ResultReason.InvalidField;
      throw new KmipError(reason, `cannot generate this key pair: ${(e as Error).message}`);
    }
    const { pubMaterial, pubFormat, privFormat, privDigest } = await storedPairForms(ctx, spec.algorithm, pair);
    const fix = (attrs: Attribute[]) => setSingle(setSingle(attrs, 'Cryptographic Algorithm', T.enum(0, alg)), 'Cryptographic Length', T.int(0, length));

    const priv = createObject(
      ctx,
      {
        objectType: ObjectType.PrivateKey,
        attributes: fix(privAttrs),
        body: T.struct(Tag.PrivateKey, [keyBlock(privFormat, Buffer.alloc(0), alg, length)]),
        wrapped: pair.privateKey,
        facts: { keyFormatType: privFormat, generated: true, digest: privDigest },
      },
      (b) => encodeTtlv(b),
    );
    const pub = createObject(
      ctx,
      {
        objectType: ObjectType.PublicKey,
        attributes: addInstance(fix(pubAttrs), 'Link', linkTo(LinkType.PrivateKeyLink, priv.uid)).list,
        body: T.struct(Tag.PublicKey, [keyBlock(pubFormat, pubMaterial, alg, length)]),
        facts: { keyFormatType: pubFormat, generated: true, digest: digestValue(pubMaterial, pubFormat) },
      },
      (b) => encodeTtlv(b),
    );
    saveObject(ctx, { ...priv, attributes: addInstance(priv.attributes, 'Link', linkTo(LinkType.PublicKeyLink, pub.uid)).list });
    return {
      payload: [T.text(Tag.PrivateKeyUniqueIdentifier, priv.uid), T.text(Tag.PublicKeyUniqueIdentifier, pub.uid)],
      idPlaceholder: priv.uid,
    };
  },
};

/**
 * The forms a generated pair is stored and described in: RSA halves as PKCS#1, EC public keys as X.509
 * and private keys as PKCS#8; the private key's Digest is computed over its stored form (no Digest when
 * the provider cannot export it). Plaintext copies are zeroed. Shared by Create Key Pair and Re-key Key Pair.
 */
export async function storedPairForms(
  ctx: OperationContext,
  algorithm: string,
  pair: { publicKey: Buffer; privateKey: WrappedKey },
): Promise<{ rsa: boolean; pubMaterial: Buffer; pubFormat: number; privFormat: number; privDigest: TtlvItem | undefined }> {
  const rsa = algorithm === 'RSA';
  const pubMaterial = rsa ? (createPublicKey({ key: pair.publicKey, format: 'der', type: 'spki' }).export({ format: 'der', type: 'pkcs1' }) as Buffer) : pair.publicKey;
  const pubFormat = rsa ? KeyFormatType.PKCS_1 : KeyFormatType.X_509;
  const privFormat = rsa ? KeyFormatType.PKCS_1 : KeyFormatType.PKCS_8;
  let privDigest: TtlvItem | undefined;
  let plain: Buffer | undefined;
  let asStored: Buffer | undefined;
  try {
    plain = await ctx.crypto.exportKey(pair.privateKey);
    asStored = rsa ? (createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'pkcs1' }) as Buffer) : plain;
    privDigest = digestValue(asStored, privFormat);
  } catch {
    privDigest = undefined; // a provider that cannot export gives no Digest
  } finally {
    plain?.fill(0);
    asStored?.fill(0);
  }
  return { rsa, pubMaterial, pubFormat, privFormat, privDigest };
}

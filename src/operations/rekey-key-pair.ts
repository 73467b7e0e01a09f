/**
 * Re-key Key Pair (KMIP 1.1+, 2.1 §6.1.47): a replacement RSA or EC key pair for an existing one, generated
 * like Create Key Pair with the old pair's algorithm, length (curve) and attributes (Table 309: Names move to
 * the new keys; Digest, dates, Random Number Generator are new; revocation/compromise/destroy facts are not
 * carried; Usage Limits counts restart at their total). Request attributes (Common, Private, Public) override.
 * Links: old -> new Replacement Object, new -> old Replaced Object, and the new keys link to each other.
 * Dates: without Offset the Activation/Deactivation Dates are copied; with one, Activation = now + Offset
 * and Deactivation keeps its distance to Activation (Table 308). The ID Placeholder becomes the new private key.
 */
import { ItemType } from '../kmip/item-type';
import { CryptographicAlgorithm, LinkType, ObjectType, Operation, RecommendedCurve, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { addInstance, dateOf, findAttr, instances, intOf, removeAll, renumber, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import { withoutServerComputed } from '../attributes/server-set';
import type { Curve, KeyPairSpec } from '../crypto/port';
import type { StoredObject } from '../store/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { STORAGE_ATTRIBUTE, checkPolicy, isDestroyed, loadObject, nowSeconds, reasonFor, saveObject } from './common';
import { clientAttributes, createObject } from './new-object';
import { isMultiInstance } from './attribute-rules';
import { storedPairForms } from './create-key-pair';
import { digestValue } from './objects';
import { nextGeneration, rotatedAway } from './rotation';

/** Attributes that describe the old keys' history or are recomputed (Table 309), besides server-computed ones. */
const NOT_CARRIED = [
  'Name',
  'Link',
  'Activation Date',
  'Deactivation Date',
  'Compromise Occurrence Date',
  'Compromise Date',
  'Revocation Reason',
  'Destroy Date',
  'Random Number Generator',
  'Usage Limits',
  STORAGE_ATTRIBUTE,
];

const CURVES: ReadonlyArray<readonly [number, Curve, number]> = [
  [RecommendedCurve.P_256, 'P-256', 256],
  [RecommendedCurve.P_384, 'P-384', 384],
  [RecommendedCurve.P_521, 'P-521', 521],
];

const linkTo = (type: number, uid: string): TtlvItem => T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);

function linked(obj: StoredObject, type: number): string | undefined {
  for (const l of instances(obj.attributes, 'Link')) {
    const t = child(l.value, Tag.LinkType);
    const id = child(l.value, Tag.LinkedObjectIdentifier);
    if (t?.type === ItemType.Enumeration && t.value === type && id?.type === ItemType.TextString) return id.value;
  }
  return undefined;
}

function specOf(ctx: OperationContext, priv: StoredObject): { spec: KeyPairSpec; alg: number; length: number } {
  const alg = intOf(priv.attributes, 'Cryptographic Algorithm');
  const length = intOf(priv.attributes, 'Cryptographic Length');
  if (alg === CryptographicAlgorithm.RSA && length !== undefined) return { spec: { algorithm: 'RSA', modulusBits: length }, alg, length };
  if (alg === CryptographicAlgorithm.Ed25519) return { spec: { algorithm: 'ED25519' }, alg, length: 256 };
  if (alg === CryptographicAlgorithm.EC || alg === CryptographicAlgorithm.ECDSA) {
    const rc = child(findAttr(priv.attributes, 'Cryptographic Domain Parameters')?.value, Tag.RecommendedCurve);
    const curve = rc?.type === ItemType.Enumeration ? CURVES.find((c) => c[0] === rc.value) : CURVES.find((c) => c[2] === length);
    if (curve) return { spec: { algorithm: 'EC', curve: curve[1] }, alg, length: curve[2] };
  }
  throw new KmipError(reasonFor(ctx, ResultReason.BadCryptographicParameters, ResultReason.InvalidField), 'Re-key Key Pair supports RSA, EC (P-256/384/521) and Ed25519 key pairs');
}

/** The old key's attributes to carry, its Usage Limits restarted, then the request's attributes on top. */
function carried(old: StoredObject, requested: Attribute[], dates: Record<string, bigint | undefined>): Attribute[] {
  let attrs: Attribute[] = withoutServerComputed(old.attributes).filter((a) => !NOT_CARRIED.includes(a.name));
  const limits = findAttr(old.attributes, 'Usage Limits');
  const total = limits ? child(limits.value, Tag.UsageLimitsTotal) : undefined;
  if (limits && total && limits.value.type === ItemType.Structure) {
    const fields = limits.value.value.filter((c) => c.tag !== Tag.UsageLimitsCount);
    const count = { ...total, tag: Tag.UsageLimitsCount } as TtlvItem;
    attrs = setSingle(attrs, 'Usage Limits', T.struct(Tag.AttributeValue, [...fields.slice(0, 1), count, ...fields.slice(1)]));
  }
  for (const [name, v] of Object.entries(dates)) if (v !== undefined) attrs = setSingle(attrs, name, T.date(Tag.AttributeValue, v));
  for (const n of instances(old.attributes, 'Name')) attrs = addInstance(attrs, 'Name', n.value).list;
  for (const a of requested) attrs = isMultiInstance(a.name) ? addInstance(attrs, a.name, a.value).list : setSingle(attrs, a.name, a.value);
  return attrs;
}

function keyBlock(format: number, material: Buffer, alg: number, len: number): TtlvItem {
  return T.struct(Tag.KeyBlock, [
    T.enum(Tag.KeyFormatType, format),
    T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]),
    T.enum(Tag.CryptographicAlgorithm, alg),
    T.int(Tag.CryptographicLength, len),
  ]);
}

function withLinks(attrs: Attribute[], links: Array<[number, string]>): Attribute[] {
  let out = removeAll(attrs, 'Link');
  for (const [type, uid] of links) out = addInstance(out, 'Link', linkTo(type, uid)).list;
  return out;
}

/** The pair to replace, as stored now: the private key (present, allowed, not destroyed) and its linked public key. */
function replaceablePair(ctx: OperationContext, uid: string): { oldPriv: StoredObject; oldPub: StoredObject } {
  const oldPriv = loadObject(ctx, uid);
  checkPolicy(ctx, 'ReKeyKeyPair', oldPriv);
  if (oldPriv.objectType !== ObjectType.PrivateKey) {
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Re-key Key Pair needs a Private Key');
  }
  if (isDestroyed(oldPriv)) throw new KmipError(ResultReason.KeyValueNotPresent, 'the private key to replace is destroyed');
  const pubUid = linked(oldPriv, LinkType.PublicKeyLink);
  if (pubUid === undefined) throw new KmipError(ResultReason.InvalidField, 'the private key has no Public Key Link');
  const oldPub = loadObject(ctx, pubUid);
  checkPolicy(ctx, 'ReKeyKeyPair', oldPub);
  return { oldPriv, oldPub };
}

export const reKeyKeyPair: OperationHandler = {
  operation: Operation.ReKeyKeyPair,
  since: { major: 1, minor: 1 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const u = child(payload, Tag.PrivateKeyUniqueIdentifier);
    if (u && u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Private Key Unique Identifier must be a Text String');
    const uid = u ? (u.value as string) : ctx.idPlaceholder;
    if (uid === undefined) throw new KmipError(ResultReason.InvalidField, 'Private Key Unique Identifier missing and no ID Placeholder set');
    const first = replaceablePair(ctx, uid);
    const offsetItem = child(payload, Tag.Offset);
    if (offsetItem && offsetItem.type !== ItemType.Interval) throw new KmipError(ResultReason.InvalidField, 'Offset must be an Interval');
    const { spec, alg, length } = specOf(ctx, first.oldPriv);

    const now = nowSeconds(ctx);
    const datesFor = (old: StoredObject): Record<string, bigint | undefined> => {
      const at1 = dateOf(old.attributes, 'Activation Date');
      const dt1 = dateOf(old.attributes, 'Deactivation Date');
      if (offsetItem?.type !== ItemType.Interval) return { 'Activation Date': at1, 'Deactivation Date': dt1 };
      const at2 = now + BigInt(offsetItem.value);
      return { 'Activation Date': at2, 'Deactivation Date': dt1 !== undefined && at1 !== undefined ? dt1 + (at2 - at1) : undefined };
    };
    const common = clientAttributes(ctx, payload, 'common');
    const privRequested = [...common, ...clientAttributes(ctx, payload, 'private')];
    const pubRequested = [...common, ...clientAttributes(ctx, payload, 'public')];

    let pair;
    try {
      pair = await ctx.crypto.generateKeyPair(spec);
    } catch (e) {
      throw new KmipError(ResultReason.CryptographicFailure, `cannot generate the replacement key pair: ${(e as Error).message}`);
    }
    const { pubMaterial, pubFormat, privFormat, privDigest } = await storedPairForms(ctx, spec.algorithm, pair);
    // Other requests ran while the pair was generated (seconds for RSA-4096): the old keys may have been revoked,
    // renamed or destroyed meanwhile. Everything below starts from them as stored now, so that writing them back
    // cannot undo those changes (a Destroy's erasure above all); from here on nothing waits.
    const { oldPriv, oldPub } = replaceablePair(ctx, uid);
    // Keys of a rotation set (2.1 §4.48-4.53): the replacements are the next generation and the latest.
    const privAttrs = nextGeneration(oldPriv.attributes, carried(oldPriv, privRequested, datesFor(oldPriv)));
    const pubAttrs = nextGeneration(oldPub.attributes, carried(oldPub, pubRequested, datesFor(oldPub)));
    const priv = createObject(
      ctx,
      {
        objectType: ObjectType.PrivateKey,
        attributes: privAttrs,
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
        attributes: withLinks(pubAttrs, [
          [LinkType.PrivateKeyLink, priv.uid],
          [LinkType.ReplacedObjectLink, oldPub.uid],
        ]),
        body: T.struct(Tag.PublicKey, [keyBlock(pubFormat, pubMaterial, alg, length)]),
        facts: { keyFormatType: pubFormat, generated: true, digest: digestValue(pubMaterial, pubFormat) },
      },
      (b) => encodeTtlv(b),
    );
    const privLinks: Array<[number, string]> = [
      [LinkType.PublicKeyLink, pub.uid],
      [LinkType.ReplacedObjectLink, oldPriv.uid],
    ];
    saveObject(ctx, { ...priv, attributes: withLinks(priv.attributes, privLinks) });
    // The replacement takes over the Names (Table 309); the old keys point at their replacements.
    for (const [old, fresh] of [
      [oldPriv, priv],
      [oldPub, pub],
    ] as const) {
      const attrs = rotatedAway(removeAll(old.attributes, 'Name'), now);
      saveObject(ctx, { ...old, attributes: renumber(addInstance(attrs, 'Link', linkTo(LinkType.ReplacementObjectLink, fresh.uid)).list) });
    }
    return {
      payload: [T.text(Tag.PrivateKeyUniqueIdentifier, priv.uid), T.text(Tag.PublicKeyUniqueIdentifier, pub.uid)],
      idPlaceholder: priv.uid,
    };
  },
};

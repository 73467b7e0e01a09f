/**
 * Register (KMIP 1.0+): store a client-supplied object of any type (Symmetric Key, Secret Data, Opaque Object,
 * Certificate, Public Key, Private Key, Split Key, PGP Key, Template (1.x), Certificate Request). The object
 * body is kept as registered, its secret goes to the crypto provider, attributes the key block states
 * (Cryptographic Algorithm/Length) and server-set ones (Digest, dates) are added.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, Operation, ObjectType, ResultReason, CertificateType, KeyFormatType } from '../kmip';
import { certificateAttributes } from './certificate-attributes';
import { decodeAttribute1x } from '../attributes/convert';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { hasAttr, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, reasonFor, uidItem } from './common';
import { clientAttributes, createObject } from './new-object';
import { digestValue, objectTagOf, publicValueBytes, splitObject, wrapSecret } from './objects';
import { canonicalKeyObject, registeredFormatAttributes, zeroKeyMaterial } from './key-formats';
import { unwrapImportRegistered, unwrapRegistered, wrappingDataAttributes } from './key-unwrap';
import { isPkcs12, openPkcs12, registerChain } from './pkcs12';

/** Attributes that the object structure itself states (a Key Block's algorithm and length, a certificate's type). */
function impliedAttributes(objectType: number, obj: TtlvItem, attrs: Attribute[]): Attribute[] {
  let out = attrs;
  const fill = (name: string, item: TtlvItem | undefined) => {
    if (item && !hasAttr(out, name)) out = setSingle(out, name, item);
  };
  const kb = child(obj, Tag.KeyBlock);
  if (kb) {
    fill('Cryptographic Algorithm', child(kb, Tag.CryptographicAlgorithm));
    fill('Cryptographic Length', child(kb, Tag.CryptographicLength));
  }
  if (objectType === ObjectType.Certificate) {
    fill('Certificate Type', child(obj, Tag.CertificateType));
    const v = child(obj, Tag.CertificateValue);
    if (v?.type === ItemType.ByteString) {
      out = setSingle(out, 'Certificate Length', T.int(Tag.AttributeValue, v.value.length));
      const ct = child(obj, Tag.CertificateType);
      if (ct?.type === ItemType.Enumeration && ct.value === CertificateType.X_509) {
        // Client values win; multi-instance items (two OUs) keep every instance.
        const given = new Set(out.map((a) => a.name));
        for (const a of certificateAttributes(v.value)) if (!given.has(a.name)) out = [...out, a];
      }
    }
  }
  if (objectType === ObjectType.OpaqueObject) fill('Opaque Data Type', child(obj, Tag.OpaqueDataType));
  // A Key Block registered without its Key Value (kept elsewhere, Key Value Location): say so (TC-MDO).
  if (kb && !child(kb, Tag.KeyValue)) out = setSingle(out, 'Key Value Present', T.bool(Tag.AttributeValue, false));
  return out;
}

export const register: OperationHandler = {
  operation: Operation.Register,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const objectType = enumValue(child(payload, Tag.ObjectType), 'Object Type');
    if (objectType === undefined) throw new KmipError(ResultReason.InvalidField, 'Object Type is required');
    const objTag = objectTagOf(objectType);
    if (objTag === undefined) throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'unknown Object Type');
    const given = child(payload, objTag);
    if (!given) throw new KmipError(ResultReason.InvalidField, 'the object named by Object Type is missing from the request');
    checkPolicy(ctx, 'Register');
    // Wrapped material under a key of ours is unwrapped inside the provider (key-unwrap.ts): raw key material
    // straight into the provider (`imported`: wrapped key and Digest, no plaintext here), anything else here;
    // keys in SEC 1 or a transparent format are kept in their canonical form (PKCS#8 / X.509, key-formats.ts).
    const imported = await unwrapImportRegistered(ctx, given);
    const unwrapped = imported ?? (await unwrapRegistered(ctx, given));
    let attrs = clientAttributes(ctx, payload);
    let source = unwrapped.obj;
    let chain: Buffer[] = [];
    if (isPkcs12(objectType, source)) {
      // A PKCS#12 container: its private key is registered (as PKCS#8) and its chain as Certificates (pkcs12.ts).
      const opened = await openPkcs12(ctx, source, attrs);
      ({ obj: source, attributes: attrs, chain } = opened);
    }
    // The digest is over the Key Material and in the Key Format Type as registered (KMIP 1.1 §3.17: "using the
    // Key Format Type of the registered object"): a Transparent RSA Private Key's TTLV, a PKCS#1 key's bytes,
    // not the canonical PKCS#8 copy. Computed before canonicalKeyObject zeroes the replaced Byte Strings.
    const digest = imported ? imported.digest : registeredDigest(objectType, source);
    const obj = canonicalKeyObject(objectType, source);
    if (unwrapped.wrappingData) attrs = [...attrs, ...wrappingDataAttributes(unwrapped.wrappingData, unwrapped.form)];
    attrs = [...attrs, ...registeredFormatAttributes(source, obj)];
    if (objectType === ObjectType.Template) {
      // A 1.x Template carries its attributes inside the object; they are the template's own attributes.
      attrs = [...attrs, ...clientAttributesOfTemplate(obj)];
    }
    attrs = impliedAttributes(objectType, obj, attrs);
    const split = imported ? { body: obj } : splitObject(objectType, obj);
    const format = formatOf(obj);
    const wrapped = imported ? imported.key : await wrapSecret(ctx.crypto, split);
    const stored = createObject(
      ctx,
      {
        objectType,
        attributes: attrs,
        body: split.body,
        wrapped,
        facts: { digest, keyFormatType: format, generated: false },
      },
      (b) => encodeTtlv(b),
    );
    if (chain.length > 0) registerChain(ctx, stored.uid, chain);
    // Plaintext copies this operation made (unwrapped, opened or converted Key Material) are zeroed.
    if (obj !== given) zeroKeyMaterial(obj);
    if (source !== given && source !== obj) zeroKeyMaterial(source);
    return { payload: [uidItem(stored.uid)], idPlaceholder: stored.uid };
  },
};

function formatOf(obj: TtlvItem): number | undefined {
  const kft = child(child(obj, Tag.KeyBlock), Tag.KeyFormatType);
  return kft?.type === ItemType.Enumeration ? kft.value : undefined;
}

/** Digest of the object as the client gave it: its Key Material (Byte String, or TTLV of a structure) or value. */
function registeredDigest(objectType: number, given: TtlvItem): TtlvItem | undefined {
  const kb = child(given, Tag.KeyBlock);
  const kv = kb ? child(kb, Tag.KeyValue) : undefined;
  const km = kv ? child(kv, Tag.KeyMaterial) : undefined;
  // No Key Material: a wrapped Key Value (its bytes), an Opaque Object's value, a certificate's value.
  const value = km ?? (kv?.type === ItemType.ByteString ? kv : child(given, Tag.OpaqueDataValue));
  let bytes: Buffer | undefined;
  if (value) bytes = value.type === ItemType.ByteString ? value.value : encodeTtlv(value);
  else bytes = publicValueBytes(objectType, given);
  const format = formatOf(given) ?? (objectType === ObjectType.Certificate ? KeyFormatType.Raw : undefined);
  return bytes ? digestValue(bytes, format) : undefined;
}

function clientAttributesOfTemplate(obj: TtlvItem): Attribute[] {
  return obj.type === ItemType.Structure ? obj.value.filter((c) => c.tag === Tag.Attribute).map(decodeAttribute1x) : [];
}

/**
 * Register of a Private Key with Key Format Type PKCS#12 (KMIP 1.4 §3.45, Table 330; OASIS TC-PKCS12-2-14).
 * The container (RFC 7292) is opened with the Password from the object's single PKCS#12 Password Link (a
 * Secret Data of Secret Data Type Password, Active); its private key (the one under the PKCS#12 Friendly Name,
 * else the first) is stored like any registered key, in PKCS#8, and its certificate chain is registered as
 * Certificate objects linked by PKCS#12 Certificate Links (private key -> its certificate -> the issuer's ...).
 * The container is not kept: Get gives the key as PKCS#8 (its Digest is over that form).
 *
 * node:crypto has no PKCS#12; node-forge decodes it (MAC check and PBE decryption in JavaScript). The password
 * and every decrypted key copy this module makes are zeroed or dropped when done.
 */
import * as nodeCrypto from 'node:crypto';
import * as forge from 'node-forge';
import { ItemType } from '../kmip/item-type';
import { Tag, ObjectType, ResultReason, KeyFormatType, LinkType, SecretDataType, State, CertificateType, CryptographicAlgorithm } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv } from '../ttlv/binary-writer';
import { addInstance, findAttr, hasAttr, instances, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { loadObject, saveObject } from './common';
import { createObject } from './new-object';
import { digestValue } from './objects';
import { certificateAttributes } from './certificate-attributes';
import { convertKeyFormat, zeroKeyMaterial } from './key-formats';

const invalid = (m: string): KmipError => new KmipError(ResultReason.InvalidField, m);
/** Largest container accepted (a key and a long chain fit easily). */
const MAX_PKCS12_BYTES = 1 << 20;
/**
 * Largest iteration count of the container's MAC and password-based encryption: they are run in JavaScript on
 * the event loop, so a container naming billions of iterations must not keep the server busy (OpenSSL writes 2048).
 */
export const MAX_PKCS12_ITERATIONS = 1_000_000;

export interface OpenedPkcs12 {
  /** The registered object with the private key as PKCS#8 Key Material (the caller zeroes it). */
  obj: TtlvItem;
  /** Client attributes plus the Friendly Name found in the container when the client gave none. */
  attributes: Attribute[];
  /** DER certificates of the key's chain, leaf first. */
  chain: Buffer[];
}

/** Whether a Register request object is a PKCS#12 Private Key. */
export function isPkcs12(objectType: number, obj: TtlvItem): boolean {
  const f = child(child(obj, Tag.KeyBlock), Tag.KeyFormatType);
  return objectType === ObjectType.PrivateKey && f?.type === ItemType.Enumeration && f.value === KeyFormatType.PKCS_12;
}

/** The password of the single PKCS#12 Password Link: an Active Secret Data of type Password (Table 330). */
async function linkedPassword(ctx: OperationContext, attrs: Attribute[]): Promise<string> {
  const links = instances(attrs, 'Link').filter((a) => child(a.value, Tag.LinkType)?.value === LinkType.PKCS_12PasswordLink);
  if (links.length !== 1) throw invalid('a PKCS#12 Private Key needs exactly one PKCS#12 Password Link');
  const target = child(links[0].value, Tag.LinkedObjectIdentifier);
  if (target?.type !== ItemType.TextString) throw invalid('the PKCS#12 Password Link has no Linked Object Identifier');
  const pw = loadObject(ctx, target.value);
  const type = pw.body ? child(decodeTtlv(pw.body), Tag.SecretDataType) : undefined;
  if (pw.objectType !== ObjectType.SecretData || type?.value !== SecretDataType.Password || !pw.material || !pw.kekId) {
    throw invalid(`the PKCS#12 Password Link must name a Secret Data of Secret Data Type Password`);
  }
  // A password that is not (yet) usable may not open the container (OASIS TC-PKCS12-2-14: Permission Denied).
  if (pw.state !== State.Active) throw new KmipError(ResultReason.PermissionDenied, `the PKCS#12 password "${pw.uid}" is not Active`);
  const plain = await ctx.crypto.exportKey({ wrapped: pw.material, kekId: pw.kekId });
  try {
    return plain.toString('utf8');
  } finally {
    plain.fill(0);
  }
}

/**
 * The largest iteration count in the container: every SEQUENCE { OCTET STRING salt, INTEGER iterations, ... }
 * (MacData after its DigestInfo, PKCS#12 PBE parameters, PBKDF2 parameters), also inside OCTET STRINGs that hold
 * DER (the SafeContents of a data ContentInfo). Encrypted contents are opaque until decrypted, and their own
 * parameters are outside them, so this sees every count before forge runs one.
 */
function maxIterations(node: forge.asn1.Asn1, depth = 0): number {
  if (depth > 32) throw invalid('the PKCS#12 container is nested too deeply');
  const kids = Array.isArray(node.value) ? (node.value as forge.asn1.Asn1[]) : [];
  let max = 0;
  for (let i = 0; i + 1 < kids.length; i++) {
    const universal = kids[i].tagClass === forge.asn1.Class.UNIVERSAL && kids[i + 1].tagClass === forge.asn1.Class.UNIVERSAL;
    if (universal && kids[i].type === forge.asn1.Type.OCTETSTRING && kids[i + 1].type === forge.asn1.Type.INTEGER && typeof kids[i + 1].value === 'string') {
      const bytes = kids[i + 1].value as string;
      // More than 4 bytes is above any acceptable count; the exact value does not matter then.
      max = Math.max(max, bytes.length > 4 ? Number.MAX_SAFE_INTEGER : Number.parseInt(Buffer.from(bytes, 'binary').toString('hex') || '0', 16));
    }
  }
  for (const k of kids) max = Math.max(max, maxIterations(k, depth + 1));
  if (node.tagClass === forge.asn1.Class.UNIVERSAL && node.type === forge.asn1.Type.OCTETSTRING && typeof node.value === 'string' && node.value.length > 1 && node.value.charCodeAt(0) === 0x30) {
    let inner: forge.asn1.Asn1 | undefined;
    try {
      inner = forge.asn1.fromDer(forge.util.createBuffer(node.value));
    } catch {
      inner = undefined; // not DER: opaque bytes (a digest, a salt, ciphertext)
    }
    if (inner) max = Math.max(max, maxIterations(inner, depth + 1));
  }
  return max;
}

function decode(der: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  } catch {
    throw invalid('the PKCS#12 Key Value is not DER');
  }
  if (maxIterations(asn1) > MAX_PKCS12_ITERATIONS) throw invalid(`the PKCS#12 container asks for more than ${MAX_PKCS12_ITERATIONS} iterations`);
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (e) {
    throw invalid(`the PKCS#12 container cannot be opened with the linked password: ${(e as Error).message}`);
  }
}

function textOf(attrs: Attribute[], name: string): string | undefined {
  const v = findAttr(attrs, name)?.value;
  return v?.type === ItemType.TextString ? v.value : undefined;
}

const derOf = (a: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary');

function friendlyName(bag: forge.pkcs12.Bag): string | undefined {
  const n = (bag.attributes as Record<string, unknown[]> | undefined)?.friendlyName?.[0];
  return typeof n === 'string' ? n : undefined;
}

/** The private key bag under `alias` (case-insensitive, RFC 7292 caseIgnoreMatch), else the first. */
function keyBag(p12: forge.pkcs12.Pkcs12Pfx, alias: string | undefined): forge.pkcs12.Bag {
  const oids = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag];
  const bags = oids.flatMap((oid) => p12.getBags({ bagType: oid })[oid] ?? []);
  const named = alias === undefined ? undefined : bags.find((b) => friendlyName(b)?.toLowerCase() === alias.toLowerCase());
  const bag = named ?? (alias === undefined ? bags[0] : undefined);
  if (!bag) throw invalid(alias === undefined ? 'the PKCS#12 container holds no private key' : `the PKCS#12 container holds no private key named "${alias}"`);
  return bag;
}

/** PKCS#8 DER of a key bag (forge parses RSA keys; others stay as their PrivateKeyInfo), checked by node:crypto. */
function bagPkcs8(bag: forge.pkcs12.Bag): { der: Buffer; key: nodeCrypto.KeyObject } {
  const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  if (!info) throw invalid('the PKCS#12 private key cannot be decoded');
  const raw = derOf(info);
  try {
    const key = nodeCrypto.createPrivateKey({ key: raw, format: 'der', type: 'pkcs8' });
    return { der: key.export({ format: 'der', type: 'pkcs8' }) as Buffer, key };
  } catch {
    throw invalid('the PKCS#12 private key is not a usable PKCS#8 key');
  } finally {
    raw.fill(0);
  }
}

/** The certificates of the key's chain: the one whose public key matches, then each issuer found in the container. */
function chainOf(p12: forge.pkcs12.Pkcs12Pfx, key: nodeCrypto.KeyObject): Buffer[] {
  const oid = forge.pki.oids.certBag;
  const all = (p12.getBags({ bagType: oid })[oid] ?? [])
    .map((b) => (b.cert ? derOf(forge.pki.certificateToAsn1(b.cert)) : b.asn1 ? derOf(b.asn1) : undefined))
    .filter((d): d is Buffer => d !== undefined)
    .map((der) => ({ der, x509: new nodeCrypto.X509Certificate(der) }));
  const chain: Buffer[] = [];
  let current = all.find((c) => c.x509.checkPrivateKey(key));
  while (current && !chain.includes(current.der) && chain.length < all.length) {
    chain.push(current.der);
    const issuerOf: nodeCrypto.X509Certificate = current.x509;
    if (issuerOf.issuer === issuerOf.subject) break;
    current = all.find((c) => c !== current && issuerOf.checkIssued(c.x509));
  }
  return chain;
}

/** Opens the container of a PKCS#12 Register request; see the module comment. */
export async function openPkcs12(ctx: OperationContext, obj: TtlvItem, attrs: Attribute[]): Promise<OpenedPkcs12> {
  const kb = child(obj, Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue);
  // KMIP gives the container as the Key Value itself (a Byte String), or as its Key Material.
  const value = kv?.type === ItemType.ByteString ? kv : child(kv, Tag.KeyMaterial);
  if (value?.type !== ItemType.ByteString) throw invalid('a PKCS#12 Key Value must be a Byte String');
  if (value.value.length > MAX_PKCS12_BYTES) throw invalid('the PKCS#12 container is too large');
  const password = await linkedPassword(ctx, attrs);
  const p12 = decode(value.value, password);
  const bag = keyBag(p12, textOf(attrs, 'PKCS#12 Friendly Name'));
  const { der, key } = bagPkcs8(bag);
  let attributes = attrs;
  const alias = friendlyName(bag);
  if (!hasAttr(attributes, 'PKCS#12 Friendly Name') && alias !== undefined) {
    attributes = setSingle(attributes, 'PKCS#12 Friendly Name', T.text(Tag.AttributeValue, alias));
  }
  const rsa = key.asymmetricKeyType === 'rsa';
  const bits = rsa ? (key.asymmetricKeyDetails?.modulusLength ?? 0) : ecBits(key);
  const alg = rsa ? CryptographicAlgorithm.RSA : key.asymmetricKeyType === 'ec' ? CryptographicAlgorithm.EC : CryptographicAlgorithm.Ed25519;
  const newObj = T.struct(Tag.PrivateKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_8),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, der)]),
      T.enum(Tag.CryptographicAlgorithm, alg),
      T.int(Tag.CryptographicLength, bits),
    ]),
  ]);
  return { obj: newObj, attributes, chain: chainOf(p12, key) };
}

function ecBits(key: nodeCrypto.KeyObject): number {
  const c = key.asymmetricKeyDetails?.namedCurve;
  return c === 'secp384r1' ? 384 : c === 'secp521r1' ? 521 : 256;
}

const link = (type: number, uid: string): TtlvItem =>
  T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);

/** Registers the chain as Certificate objects and links key -> leaf -> issuer ... with PKCS#12 Certificate Links. */
export function registerChain(ctx: OperationContext, keyUid: string, chain: Buffer[]): void {
  let from = keyUid;
  for (const der of chain) {
    let attrs: Attribute[] = [
      { name: 'Certificate Type', index: 0, value: T.enum(Tag.AttributeValue, CertificateType.X_509) },
      { name: 'Certificate Length', index: 0, value: T.int(Tag.AttributeValue, der.length) },
      ...certificateAttributes(der),
    ];
    const cert = createObject(
      ctx,
      {
        objectType: ObjectType.Certificate,
        attributes: attrs,
        body: T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, CertificateType.X_509), T.bytes(Tag.CertificateValue, der)]),
        facts: { digest: digestValue(der, KeyFormatType.Raw), generated: false },
      },
      (b) => encodeTtlv(b),
    );
    const fromObj: StoredObject = loadObject(ctx, from);
    attrs = addInstance(fromObj.attributes, 'Link', link(LinkType.PKCS_12CertificateLink, cert.uid)).list;
    saveObject(ctx, { ...fromObj, attributes: attrs });
    from = cert.uid;
  }
}

// ---- Get with Key Format Type PKCS#12 (KMIP 1.4 §4.11; OASIS TC-PKCS12-1-14) ------------------------------

/** The uid a single link of `type` names (undefined when none; Invalid Field when several: "more than one chain"). */
function singleLink(obj: StoredObject, type: number): string | undefined {
  const targets = instances(obj.attributes, 'Link')
    .filter((a) => child(a.value, Tag.LinkType)?.value === type)
    .map((a) => child(a.value, Tag.LinkedObjectIdentifier)?.value);
  if (targets.length > 1) throw invalid(`object "${obj.uid}" has more than one certificate chain`);
  return typeof targets[0] === 'string' ? targets[0] : undefined;
}

/**
 * The certificate chain of a private key: its PKCS#12 Certificate Links (key -> certificate -> issuer ...), else
 * as KMIP 1.4 §4.11 describes it: the Public Key Link, that key's Certificate Link, each certificate's Certificate Link.
 */
function storedChain(ctx: OperationContext, key: StoredObject): Buffer[] {
  const chain: Buffer[] = [];
  const seen = new Set<string>([key.uid]);
  let next = singleLink(key, LinkType.PKCS_12CertificateLink);
  let via: number = LinkType.PKCS_12CertificateLink;
  if (next === undefined) {
    const pub = singleLink(key, LinkType.PublicKeyLink);
    next = pub === undefined ? undefined : singleLink(loadObject(ctx, pub), LinkType.CertificateLink);
    via = LinkType.CertificateLink;
  }
  while (next !== undefined && !seen.has(next) && chain.length < 16) {
    seen.add(next);
    const cert = loadObject(ctx, next);
    const value = cert.objectType === ObjectType.Certificate && cert.body ? child(decodeTtlv(cert.body), Tag.CertificateValue) : undefined;
    if (value?.type !== ItemType.ByteString) throw invalid(`linked object "${next}" is not a certificate`);
    chain.push(value.value);
    next = singleLink(cert, via);
  }
  return chain;
}

/**
 * Get with Key Format Type PKCS#12: the Private Key object structure holding a PKCS#12 container of the key
 * (`item`: the plaintext Private Key as Get materialized it, left to the caller to zero), its chain, under the
 * password of its PKCS#12 Password Link and its PKCS#12 Friendly Name (default "alias"). AES-256 PBES2 for the
 * key and the certificates, HMAC-SHA-1 integrity (forge's MAC). RSA keys only: forge cannot encode other
 * private keys into a container (Key Format Type Not Supported). forge holds the key as JavaScript big
 * integers, which cannot be zeroed; they live until collected.
 */
export async function pkcs12Object(ctx: OperationContext, obj: StoredObject, item: TtlvItem): Promise<TtlvItem> {
  if (obj.objectType !== ObjectType.PrivateKey) throw new KmipError(ResultReason.KeyFormatTypeNotSupported, 'only a Private Key can be given as PKCS#12');
  const asPkcs8 = convertKeyFormat(obj.objectType, item, KeyFormatType.PKCS_8, { major: 2, minor: 1 });
  const km = child(child(child(asPkcs8, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
  try {
    if (km?.type !== ItemType.ByteString) throw new KmipError(ResultReason.KeyFormatTypeNotSupported, 'this key cannot be given as PKCS#12');
    return await containerOf(ctx, obj, km.value);
  } finally {
    if (asPkcs8 !== item) zeroKeyMaterial(asPkcs8);
  }
}

async function containerOf(ctx: OperationContext, obj: StoredObject, pkcs8: Buffer): Promise<TtlvItem> {
  const node = nodeCrypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (node.asymmetricKeyType !== 'rsa') throw new KmipError(ResultReason.KeyFormatTypeNotSupported, 'only RSA private keys can be given as PKCS#12');
  const password = await linkedPassword(ctx, obj.attributes);
  const chain = storedChain(ctx, obj).map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')))));
  const key = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(pkcs8.toString('binary'))));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, password, {
    algorithm: 'aes256',
    friendlyName: textOf(obj.attributes, 'PKCS#12 Friendly Name') ?? 'alias',
    generateLocalKeyId: true,
  });
  return T.struct(Tag.PrivateKey, [T.struct(Tag.KeyBlock, [T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_12), T.bytes(Tag.KeyValue, derOf(asn1))])]);
}

/**
 * Certify (KMIP 1.0+, 2.1 §6.1.6): an X.509 certificate for a public key, issued by the server's own
 * authority (certify-ca.ts). The key and subject come from a Certificate Request (PKCS#10 DER or PEM, its
 * signature checked; it takes precedence, §6.1.6) or, without one, from the Public Key object named by the
 * Unique Identifier (subject: a CN naming the key). A Unique Identifier may also name a Certificate Request
 * object (2.x). The public key and the certificate are linked (Certificate Link / Public Key Link); the
 * certificate gets the request's attributes plus those read from the certificate. ID Placeholder = the
 * certificate. CRMF and PGP requests are Feature Not Supported.
 */
import { createPublicKey } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { CertificateRequestType, CertificateType, KeyFormatType, LinkType, ObjectType, Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { encodeTtlv } from '../ttlv/binary-writer';
import { addInstance, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { StoredObject } from '../store/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue, isDestroyed, loadObject, reasonFor, saveObject, storedNow } from './common';
import { clientAttributes, createObject } from './new-object';
import { certificateAttributes } from './certificate-attributes';
import { digestValue } from './objects';
import { materialize } from './get';
import { issue } from './certify-ca';
import { badCsr, parseCsr, pemToDer, simpleName, tbsCertificate, type CsrContent } from './x509-builder';

const LEAF_DAYS = 365;

export const linkValue = (type: number, uid: string): TtlvItem =>
  T.struct(Tag.AttributeValue, [T.enum(Tag.LinkType, type), T.text(Tag.LinkedObjectIdentifier, uid)]);

/** The Certificate Request of the payload (1.x Certificate Request, 2.x Certificate Request Value), parsed. */
export function requestedCsr(ctx: OperationContext, payload: TtlvItem): CsrContent | undefined {
  const value = child(payload, Tag.CertificateRequestValue) ?? child(payload, Tag.CertificateRequest);
  if (!value) return undefined;
  if (value.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'the Certificate Request must be a Byte String');
  const type = enumValue(child(payload, Tag.CertificateRequestType), 'Certificate Request Type');
  const fail = (w: string) => badCsr(ctx.version, w);
  if (type === CertificateRequestType.PKCS_10) return parseCsr(value.value, fail);
  if (type === CertificateRequestType.PEM) return parseCsr(pemToDer(value.value, fail), fail);
  if (type === undefined) throw new KmipError(ResultReason.InvalidField, 'Certificate Request Type is required with a Certificate Request');
  throw new KmipError(ResultReason.FeatureNotSupported, 'only PKCS#10 and PEM certificate requests are supported');
}

/** SubjectPublicKeyInfo DER of a Public Key object (PKCS#1 or X.509 key material). */
export async function publicKeySpki(ctx: OperationContext, obj: StoredObject): Promise<Buffer> {
  const item = await materialize(ctx, obj);
  const kb = child(item, Tag.KeyBlock);
  const format = child(kb, Tag.KeyFormatType)?.value;
  const km = child(child(kb, Tag.KeyValue), Tag.KeyMaterial);
  if (km?.type !== ItemType.ByteString || (format !== KeyFormatType.PKCS_1 && format !== KeyFormatType.X_509)) {
    throw new KmipError(ResultReason.FeatureNotSupported, 'only PKCS#1 and X.509 public keys can be certified without a request');
  }
  try {
    const key = createPublicKey({ key: km.value, format: 'der', type: format === KeyFormatType.PKCS_1 ? 'pkcs1' : 'spki' });
    return key.export({ format: 'der', type: 'spki' }) as Buffer;
  } catch {
    throw new KmipError(ResultReason.InvalidField, 'the public key cannot be read');
  }
}

/** Issue a certificate for (subject, key) and store it as a Certificate object with these attributes and links. */
export async function storeCertificate(ctx: OperationContext, subject: Buffer, spki: Buffer, attrs: Attribute[], links: Array<[number, string]>): Promise<StoredObject> {
  const now = ctx.now();
  const der = await issue(ctx, (issuer) =>
    tbsCertificate({ issuer, subject, spki, notBefore: new Date(now.getTime() - 5 * 60_000), notAfter: new Date(now.getTime() + LEAF_DAYS * 86_400_000), isCa: false }),
  );
  let out = setSingle(attrs, 'Certificate Type', T.enum(Tag.AttributeValue, CertificateType.X_509));
  out = setSingle(out, 'Certificate Length', T.int(Tag.AttributeValue, der.length));
  // Facts read from the certificate take precedence over what the request said.
  for (const a of certificateAttributes(der)) out = setSingle(out, a.name, a.value);
  for (const [type, uid] of links) out = addInstance(out, 'Link', linkValue(type, uid)).list;
  const body = T.struct(Tag.Certificate, [T.enum(Tag.CertificateType, CertificateType.X_509), T.bytes(Tag.CertificateValue, der)]);
  return createObject(ctx, { objectType: ObjectType.Certificate, attributes: out, body, facts: { digest: digestValue(der, KeyFormatType.Raw), generated: false } }, (b) =>
    encodeTtlv(b),
  );
}

/** The object named by the request (Unique Identifier, else the ID Placeholder unless a request is given). */
function subjectObject(ctx: OperationContext, payload: TtlvItem, haveCsr: boolean): StoredObject | undefined {
  const u = child(payload, Tag.UniqueIdentifier);
  if (u && u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Unique Identifier must be a Text String');
  const uid = u ? (u.value as string) : haveCsr ? undefined : ctx.idPlaceholder;
  if (uid === undefined) {
    if (!haveCsr) throw new KmipError(ResultReason.InvalidField, 'Certify needs a Unique Identifier or a Certificate Request');
    return undefined;
  }
  const obj = loadObject(ctx, uid);
  if (obj.objectType !== ObjectType.PublicKey && obj.objectType !== ObjectType.CertificateRequest) {
    throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Certify needs a Public Key or a Certificate Request');
  }
  if (isDestroyed(obj)) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${uid}" is destroyed`);
  return obj;
}

export const certify: OperationHandler = {
  operation: Operation.Certify,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    let csr = requestedCsr(ctx, payload);
    const obj = subjectObject(ctx, payload, csr !== undefined);
    checkPolicy(ctx, 'Certify', obj);
    if (!csr && obj?.objectType === ObjectType.CertificateRequest) {
      const item = await materialize(ctx, obj);
      const v = child(item, Tag.CertificateRequestValue);
      const t = child(item, Tag.CertificateRequestType);
      if (v?.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'the Certificate Request object has no value');
      csr = requestedCsr(ctx, T.struct(Tag.RequestPayload, [t ?? T.enum(Tag.CertificateRequestType, CertificateRequestType.PKCS_10), v]));
    }
    const pub = obj?.objectType === ObjectType.PublicKey ? obj : undefined;
    const pubSpki = pub ? await publicKeySpki(ctx, pub) : undefined;
    if (csr && pubSpki && !csr.spki.equals(pubSpki)) throw badCsr(ctx.version, 'it is for another key than the Public Key named');
    const spki = csr?.spki ?? (pubSpki as Buffer);
    const subject = csr?.subject ?? simpleName(`KMIP public key ${pub?.uid}`, 'Tumbler', 'KMIP Certify');
    const attrs = clientAttributes(ctx, payload);
    const cert = await storeCertificate(ctx, subject, spki, attrs, pub ? [[LinkType.PublicKeyLink, pub.uid]] : []);
    const pubNow = pub && storedNow(ctx, pub.uid);
    if (pubNow) saveObject(ctx, { ...pubNow, attributes: addInstance(pubNow.attributes, 'Link', linkValue(LinkType.CertificateLink, cert.uid)).list });
    return { payload: [T.text(Tag.UniqueIdentifier, cert.uid)], idPlaceholder: cert.uid };
  },
};

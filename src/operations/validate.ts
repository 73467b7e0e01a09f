/**
 * Validate (KMIP 1.0+, 2.1 §6.1.57): is a certificate chain valid at a date? The chain is the Certificates in
 * the request plus the Certificate objects named by Unique Identifier, in any order. Our policy (the spec
 * leaves it to the server):
 *   - the certificates must form one chain, each issued by the next (names and signature), all valid at the
 *     Validity Date (default now): otherwise Invalid;
 *   - the chain must end in this server's trust anchor, the Certify authority (certify-ca.ts), either as the
 *     last certificate or as the issuer of the last one: then Valid;
 *   - a chain that is intact but ends elsewhere (e.g. a self-signed root we do not know) is Unknown, since a
 *     client-supplied root proves nothing.
 */
import { X509Certificate } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { CertificateType, ObjectType, Operation, ResultReason, Tag, ValidityIndicator } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, children, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, loadObject, nowSeconds, reasonFor } from './common';
import { materialize } from './get';
import { existingCaCertificate } from './certify-ca';

/** A chain longer than this is refused (bounds the work of one request). */
const MAX_CHAIN = 16;

function parse(der: Buffer): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new KmipError(ResultReason.InvalidField, 'a certificate is not a readable X.509 certificate');
  }
}

function certificateValue(ctx: OperationContext, item: TtlvItem): Buffer {
  const type = child(item, Tag.CertificateType);
  const value = child(item, Tag.CertificateValue);
  if (type?.type !== ItemType.Enumeration || value?.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Certificate needs a Certificate Type and Value');
  if (type.value !== CertificateType.X_509) throw new KmipError(reasonFor(ctx, ResultReason.FeatureNotSupported, ResultReason.InvalidField), 'only X.509 certificates can be validated');
  return value.value;
}

/** Order the certificates leaf first, each issued by the next; undefined when they are not one chain. */
function order(certs: X509Certificate[]): X509Certificate[] | undefined {
  // x.checkIssued(y): x was issued by y. The leaf issued none of the others.
  const leaves = certs.filter((c) => !certs.some((o) => o !== c && o.checkIssued(c)));
  if (leaves.length !== 1) return undefined;
  const chain = [leaves[0]];
  while (chain.length < certs.length) {
    const last = chain[chain.length - 1];
    const next = certs.find((c) => !chain.includes(c) && last.checkIssued(c));
    if (!next) return undefined;
    chain.push(next);
  }
  return chain;
}

export const validate: OperationHandler = {
  operation: Operation.Validate,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Validate');
    const ders: Buffer[] = children(payload, Tag.Certificate).map((c) => certificateValue(ctx, c));
    for (const u of children(payload, Tag.UniqueIdentifier)) {
      if (u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Unique Identifier must be a Text String');
      const obj = loadObject(ctx, u.value);
      if (obj.objectType !== ObjectType.Certificate) throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), `object "${u.value}" is not a Certificate`);
      ders.push(certificateValue(ctx, await materialize(ctx, obj)));
    }
    if (ders.length === 0) throw new KmipError(ResultReason.InvalidField, 'Validate needs at least one certificate');
    if (ders.length > MAX_CHAIN) throw new KmipError(ResultReason.InvalidField, `at most ${MAX_CHAIN} certificates in a chain`);
    const date = child(payload, Tag.ValidityDate);
    if (date && date.type !== ItemType.DateTime) throw new KmipError(ResultReason.InvalidField, 'Validity Date must be a Date-Time');
    const at = Number(date?.type === ItemType.DateTime ? date.value : nowSeconds(ctx)) * 1000;
    const answer = (v: number): OperationResult => ({ payload: [T.enum(Tag.ValidityIndicator, v)] });

    const chain = order(ders.map(parse));
    if (!chain) return answer(ValidityIndicator.Invalid);
    for (let i = 0; i < chain.length; i++) {
      const c = chain[i];
      if (at < Date.parse(c.validFrom) || at > Date.parse(c.validTo)) return answer(ValidityIndicator.Invalid);
      if (i + 1 < chain.length && !c.verify(chain[i + 1].publicKey)) return answer(ValidityIndicator.Invalid);
    }
    const anchorDer = existingCaCertificate(ctx);
    const anchor = anchorDer ? new X509Certificate(anchorDer) : undefined;
    const top = chain[chain.length - 1];
    if (anchor && !top.raw.equals(anchor.raw) && top.checkIssued(anchor) && !top.verify(anchor.publicKey)) return answer(ValidityIndicator.Invalid);
    if (anchor && (top.raw.equals(anchor.raw) || top.checkIssued(anchor))) {
      if (!top.raw.equals(anchor.raw) && (at < Date.parse(anchor.validFrom) || at > Date.parse(anchor.validTo))) return answer(ValidityIndicator.Invalid);
      return answer(ValidityIndicator.Valid);
    }
    // Intact, but not ours: a self-signed root must at least verify itself to be worth an Unknown.
    if (top.checkIssued(top) && !top.verify(top.publicKey)) return answer(ValidityIndicator.Invalid);
    return answer(ValidityIndicator.Unknown);
  },
};

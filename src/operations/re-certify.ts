/**
 * Re-certify (KMIP 1.0+, 2.1 §6.1.45): a new certificate for the key of an existing one, issued like Certify
 * (certify.ts). Key and subject: the Certificate Request when given (a value, or 2.x Certificate Request
 * Unique Identifier), else the existing certificate's. The new certificate takes the existing one's
 * attributes (Table 299: not its Name-less history), its Names as stored when the new one is saved (removed
 * from the old one), the request's attributes, and dates copied or shifted by the Offset (Table 298). Links:
 * old -> new Replacement, new -> old Replaced, the public key's Certificate Link moves to the new certificate.
 * ID Placeholder = new certificate.
 */
import { X509Certificate } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { LinkType, ObjectType, Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import { addInstance, dateOf, instances, removeAll, renumber, setSingle, valuesEqual } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import { withoutServerComputed } from '../attributes/server-set';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { STORAGE_ATTRIBUTE, checkPolicy, isDestroyed, loadObject, nowSeconds, reasonFor, requestUid, saveObject, storedNow } from './common';
import { clientAttributes } from './new-object';
import { materialize } from './get';
import { certificateNames } from './certificate-attributes';
import { linkValue, requestedCsr, storeCertificate } from './certify';
import { isMultiInstance } from './attribute-rules';

/** Not carried from the old certificate: history, links, names (moved separately) and what the new value says. */
const NOT_CARRIED = ['Name', 'Link', 'Activation Date', 'Deactivation Date', 'Destroy Date', 'Revocation Reason', 'Compromise Date', 'Compromise Occurrence Date', STORAGE_ATTRIBUTE];

function linkedTo(attrs: readonly Attribute[], type: number): string | undefined {
  for (const l of instances(attrs, 'Link')) {
    if (child(l.value, Tag.LinkType)?.value === type) {
      const id = child(l.value, Tag.LinkedObjectIdentifier);
      if (id?.type === ItemType.TextString) return id.value;
    }
  }
  return undefined;
}

function sameValues(a: readonly Attribute[], b: readonly Attribute[]): boolean {
  return a.length === b.length && a.every((x, i) => valuesEqual(x.value, b[i].value));
}

export const reCertify: OperationHandler = {
  operation: Operation.ReCertify,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    const old = loadObject(ctx, uid);
    checkPolicy(ctx, 'ReCertify', old);
    if (old.objectType !== ObjectType.Certificate) throw new KmipError(reasonFor(ctx, ResultReason.InvalidObjectType, ResultReason.InvalidField), 'Re-certify needs a Certificate');
    if (isDestroyed(old)) throw new KmipError(ResultReason.KeyValueNotPresent, `certificate "${uid}" is destroyed`);
    const offsetItem = child(payload, Tag.Offset);
    if (offsetItem && offsetItem.type !== ItemType.Interval) throw new KmipError(ResultReason.InvalidField, 'Offset must be an Interval');

    let csr = requestedCsr(ctx, payload);
    const csrUid = child(payload, Tag.CertificateRequestUniqueIdentifier);
    if (!csr && csrUid) {
      if (csrUid.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'Certificate Request Unique Identifier must be a Text String');
      const reqObj = loadObject(ctx, csrUid.value);
      if (reqObj.objectType !== ObjectType.CertificateRequest) throw new KmipError(ResultReason.InvalidField, 'Certificate Request Unique Identifier names no Certificate Request');
      const item = await materialize(ctx, reqObj);
      csr = requestedCsr(ctx, T.struct(Tag.RequestPayload, item.type === ItemType.Structure ? item.value : []));
    }
    const oldValue = child(await materialize(ctx, old), Tag.CertificateValue);
    if (oldValue?.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'the existing certificate has no value');
    let oldSpki: Buffer;
    try {
      oldSpki = new X509Certificate(oldValue.value).publicKey.export({ format: 'der', type: 'spki' }) as Buffer;
    } catch {
      throw new KmipError(ResultReason.FeatureNotSupported, 'the existing certificate is not an X.509 certificate this server can read');
    }
    const subject = csr?.subject ?? certificateNames(oldValue.value)?.subject;
    if (!subject) throw new KmipError(ResultReason.InvalidField, 'the existing certificate has no readable subject');

    // Attributes: the old certificate's, dates per Table 298, its Names, then the request's.
    const now = nowSeconds(ctx);
    let attrs: Attribute[] = withoutServerComputed(old.attributes).filter((a) => !NOT_CARRIED.includes(a.name));
    const at1 = dateOf(old.attributes, 'Activation Date');
    const dt1 = dateOf(old.attributes, 'Deactivation Date');
    const at2 = offsetItem?.type === ItemType.Interval ? now + BigInt(offsetItem.value) : at1;
    const dt2 = offsetItem?.type === ItemType.Interval ? (dt1 !== undefined && at1 !== undefined && at2 !== undefined ? dt1 + (at2 - at1) : undefined) : dt1;
    if (at2 !== undefined) attrs = setSingle(attrs, 'Activation Date', T.date(Tag.AttributeValue, at2));
    if (dt2 !== undefined) attrs = setSingle(attrs, 'Deactivation Date', T.date(Tag.AttributeValue, dt2));
    const requested = clientAttributes(ctx, payload);
    for (const a of requested) attrs = isMultiInstance(a.name) ? addInstance(attrs, a.name, a.value).list : setSingle(attrs, a.name, a.value);
    for (const n of instances(old.attributes, 'Name')) attrs = addInstance(attrs, 'Name', n.value).list;

    const pubUid = linkedTo(old.attributes, LinkType.PublicKeyLink);
    const links: Array<[number, string]> = [];
    if (pubUid) links.push([LinkType.PublicKeyLink, pubUid]);
    links.push([LinkType.ReplacedObjectLink, old.uid]);
    const fresh = await storeCertificate(ctx, subject, csr?.spki ?? oldSpki, attrs, links);

    const oldNow = storedNow(ctx, uid);
    if (oldNow) {
      // The Names move as the old certificate holds them now: one added or deleted during the signature wait is
      // moved or left out too, never dropped from both.
      const moved = instances(old.attributes, 'Name');
      const current = instances(oldNow.attributes, 'Name');
      if (!sameValues(moved, current)) {
        const stored = storedNow(ctx, fresh.uid);
        if (stored) {
          // Only the Names taken from the old certificate are replaced; those the request gave stay.
          let freshAttrs = stored.attributes.filter((a) => a.name !== 'Name' || !moved.some((m) => valuesEqual(m.value, a.value)));
          for (const n of current) freshAttrs = addInstance(freshAttrs, 'Name', n.value).list;
          saveObject(ctx, { ...stored, attributes: renumber(freshAttrs) });
        }
      }
      const oldAttrs = addInstance(removeAll(oldNow.attributes, 'Name'), 'Link', linkValue(LinkType.ReplacementObjectLink, fresh.uid)).list;
      saveObject(ctx, { ...oldNow, attributes: renumber(oldAttrs) });
    }
    if (pubUid) {
      const pub = storedNow(ctx, pubUid);
      if (pub) {
        const kept = instances(pub.attributes, 'Link').filter((l) => !(child(l.value, Tag.LinkType)?.value === LinkType.CertificateLink && child(l.value, Tag.LinkedObjectIdentifier)?.value === old.uid));
        let pubAttrs = removeAll(pub.attributes, 'Link');
        for (const l of kept) pubAttrs = addInstance(pubAttrs, 'Link', l.value).list;
        pubAttrs = addInstance(pubAttrs, 'Link', linkValue(LinkType.CertificateLink, fresh.uid)).list;
        saveObject(ctx, { ...pub, attributes: pubAttrs });
      }
    }
    return { payload: [T.text(Tag.UniqueIdentifier, fresh.uid)], idPlaceholder: fresh.uid };
  },
};

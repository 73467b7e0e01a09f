/**
 * Put and Notify (KMIP 1.0+, 2.1 §6.2.2-6.2.3) are server-to-client messages: the sending party pushes an
 * object or attribute changes and the receiving party answers with an empty payload. Some peers (and the
 * OASIS TC-NP vectors) send them to this server. We answer as a receiving party that keeps no copy: the
 * message is checked for well-formedness and acknowledged, and nothing in it is applied to the store
 * (objects here change only through client-to-server operations, so a Put cannot overwrite a key).
 * Any key material received is zeroed.
 */
import { ItemType } from '../kmip/item-type';
import { ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { child, children, type TtlvItem } from '../ttlv/item';
import { decodeAttribute1x, decodeAttributes2x } from '../attributes/convert';

export function requireUid(payload: TtlvItem, tag: number, what: string): string {
  const u = child(payload, tag);
  if (!u || u.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, `${what} (Text String) is required`);
  return u.value;
}

/** Decode the attributes of the message (1.x Attribute*, 2.x Attributes) so a malformed one is refused. */
export function checkMessageAttributes(payload: TtlvItem): number {
  let n = 0;
  for (const a of children(payload, Tag.Attribute)) {
    decodeAttribute1x(a);
    n++;
  }
  const v2 = child(payload, Tag.Attributes);
  if (v2) n += decodeAttributes2x(v2).length;
  return n;
}

/**
 * The Short Unique Identifier (KMIP 2.0+, 2.1 §4.56): "SHOULD be generated as a SHA-256 hash of the Unique
 * Identifier and SHALL be a 32 byte byte string", set by the server and never changed.
 *
 * Being a function of the identifier, it is computed when read, not stored: stored, it was the one
 * attribute of a new object whose index entry landed on a random page of its index, one more page
 * written per Create (Create faster in 6 of 7 alternating pairs without it, docs/performance.md). A stored
 * value wins: an object Import gave another value (Import keeps the supplied attributes), and the objects
 * created before this change, whose stored value equals the derived one (kept: deleting those rows takes
 * about a minute per million objects at start-up, and changes nothing that is answered).
 */
import * as crypto from 'node:crypto';
import type { Attribute } from './model';
import { findAttr } from './list';
import { ItemType } from '../kmip/item-type';

export const SHORT_UID = 'Short Unique Identifier';

/** crypto.hash (Node 20.12+, not in this @types/node): a one-shot digest, ~1.5 instead of ~2.4 µs here. */
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'buffer') => Buffer }).hash;

/** SHA-256 of the Unique Identifier (its UTF-8 bytes). Locate by it hashes every candidate (store/sqlite/locate.ts). */
export function shortUniqueIdentifier(uid: string): Buffer {
  return oneShot ? oneShot('sha256', uid, 'buffer') : crypto.createHash('sha256').update(uid).digest();
}

/** The value stored for an object (an Import's that differs from the derived one, or one stored before), if any. */
export function storedShortUid(attributes: readonly Attribute[]): Attribute | undefined {
  return findAttr(attributes, SHORT_UID);
}

/** The object's Short Unique Identifier as it is answered: the stored value when there is one, else the derived. */
export function effectiveShortUid(uid: string, attributes: readonly Attribute[]): Buffer | undefined {
  const stored = storedShortUid(attributes);
  if (!stored) return shortUniqueIdentifier(uid);
  return stored.value.type === ItemType.ByteString ? stored.value.value : undefined;
}

/** Does a supplied value equal what the server derives for this identifier (so it need not be stored)? */
export function isDerivedShortUid(uid: string, value: Attribute['value']): boolean {
  return value.type === ItemType.ByteString && value.value.equals(shortUniqueIdentifier(uid));
}

/**
 * Loading the key a cryptographic operation uses: the object (Unique Identifier or ID Placeholder) of the
 * caller's tenant, its Cryptographic Usage Mask, its state and dates (lifecycle module decides), and a
 * reference the crypto provider can use (wrapped material, or a public key taken from the object body).
 */
import { createPublicKey } from 'node:crypto';
import { ItemType } from '../../kmip/item-type';
import { Tag, ResultReason, ObjectType, KeyFormatType, CryptographicUsageMask } from '../../kmip';
import { KmipError } from '../../message/errors';
import { child, type TtlvItem } from '../../ttlv/item';
import { decodeTtlv } from '../../ttlv/binary-reader';
import { dateOf, intOf } from '../../attributes/list';
import { mayProcess, mayProtect, violationReason } from '../../lifecycle';
import type { KeyRef, KeySpec } from '../../crypto/port';
import type { StoredObject } from '../../store/port';
import type { OperationContext } from '../types';
import { checkPolicy, loadObject, nowSeconds, reasonFor, requestUid } from '../common';

export type UseKind = 'protect' | 'process';

export interface LoadedKey {
  uid: string;
  obj: StoredObject;
  key: KeyRef;
  /** Class and algorithm as the provider holds them (public keys from the body: keyClass 'public'). */
  spec: KeySpec;
}

/**
 * usage: the Cryptographic Usage Mask bit the operation needs (Encrypt, Decrypt, Sign, Verify, MAC
 * Generate, MAC Verify). protect = encrypt/sign/MAC (Active only, before Protect Stop Date); process =
 * decrypt/verify (Active, from Process Start Date).
 */
export function loadKey(ctx: OperationContext, payload: TtlvItem, operation: string, usage: number, kind: UseKind): LoadedKey {
  const uid = requestUid(payload, ctx) as string;
  const obj = loadObject(ctx, uid);
  checkPolicy(ctx, operation, obj);

  const mask = intOf(obj.attributes, 'Cryptographic Usage Mask');
  if (mask === undefined || (mask & usage) !== usage) {
    const name = Object.entries(CryptographicUsageMask).find(([, v]) => v === usage)?.[0] ?? String(usage);
    throw new KmipError(
      reasonFor(ctx, ResultReason.IncompatibleCryptographicUsageMask, ResultReason.PermissionDenied),
      `object "${uid}" does not permit ${name} (Cryptographic Usage Mask)`,
    );
  }

  const dates = {
    activationDate: dateOf(obj.attributes, 'Activation Date'),
    deactivationDate: dateOf(obj.attributes, 'Deactivation Date'),
    processStartDate: dateOf(obj.attributes, 'Process Start Date'),
    protectStopDate: dateOf(obj.attributes, 'Protect Stop Date'),
  };
  const decision = kind === 'protect' ? mayProtect(obj.state, dates, nowSeconds(ctx)) : mayProcess(obj.state, dates, nowSeconds(ctx));
  if (!decision.ok) throw new KmipError(violationReason(ctx.version), `object "${uid}": ${decision.message}`);
  return { uid, obj, ...keyRefOf(ctx, obj) };
}

/** The provider's reference to a key object: its wrapped material, or a public key read from the body. */
export function keyRefOf(ctx: OperationContext, obj: StoredObject): { key: KeyRef; spec: KeySpec } {
  const uid = obj.uid;
  if (obj.objectType === ObjectType.PublicKey && !obj.material) {
    const spki = publicKeyFromBody(obj);
    const type = createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType;
    const algorithm = type === 'ec' ? 'EC' : type === 'ed25519' ? 'ED25519' : 'RSA';
    return { key: { publicKey: spki }, spec: { keyClass: 'public', algorithm } };
  }
  if (obj.objectType !== ObjectType.SymmetricKey && obj.objectType !== ObjectType.PrivateKey && obj.objectType !== ObjectType.PublicKey) {
    throw new KmipError(ResultReason.IllegalOperation, `object "${uid}" is not a key`);
  }
  if (!obj.material || !obj.kekId) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${uid}" has no key material`);
  const key = { wrapped: obj.material, kekId: obj.kekId };
  return { key, spec: ctx.crypto.keySpec(key) };
}

/** SubjectPublicKeyInfo DER of a Public Key object whose Key Material is X.509 (SPKI) or PKCS#1 bytes. */
function publicKeyFromBody(obj: StoredObject): Buffer {
  const bad = (): KmipError => new KmipError(ResultReason.KeyFormatTypeNotSupported, `public key "${obj.uid}" is not in X.509 or PKCS#1 format`);
  if (!obj.body) throw new KmipError(ResultReason.KeyValueNotPresent, `object "${obj.uid}" has no key value`);
  const body = decodeTtlv(obj.body);
  const kb = child(body, Tag.KeyBlock);
  const fmt = child(kb, Tag.KeyFormatType);
  const km = child(child(kb, Tag.KeyValue), Tag.KeyMaterial);
  if (!km || km.type !== ItemType.ByteString || fmt?.type !== ItemType.Enumeration) throw bad();
  try {
    if (fmt.value === KeyFormatType.X_509) return createPublicKey({ key: km.value, format: 'der', type: 'spki' }).export({ format: 'der', type: 'spki' });
    if (fmt.value === KeyFormatType.PKCS_1) return createPublicKey({ key: km.value, format: 'der', type: 'pkcs1' }).export({ format: 'der', type: 'spki' });
  } catch {
    throw new KmipError(ResultReason.InvalidField, `public key "${obj.uid}" does not parse`);
  }
  throw bad();
}

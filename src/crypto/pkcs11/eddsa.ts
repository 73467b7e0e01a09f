/**
 * Ed25519 (RFC 8032, PureEdDSA) in the HSM: CKM_EC_EDWARDS_KEY_PAIR_GEN and CKM_EDDSA (PKCS#11 3.0; pkcs11js
 * has no names for them). SoftHSM2 2.6.1 generates and signs with Ed25519 keys but cannot wrap or unwrap
 * them (C_WrapKey: CKR_KEY_NOT_WRAPPABLE; C_UnwrapKey as CKK_EC_EDWARDS: CKR_FUNCTION_FAILED). The provider
 * therefore keeps an Ed25519 private key as its PKCS#8 bytes in a generic-secret carrier wrapped under the
 * KEK (like imported public keys), and signs with a sensitive, non-extractable session object created from
 * it (cached per session). The seed crosses this process's memory at generation and when that object is
 * created; every copy is zeroed.
 */
import * as pkcs11js from 'pkcs11js';
import { ed25519Pkcs8, ed25519Seed, ed25519Spki } from '../material';
import { cryptoFailure } from '../errors';

const P = pkcs11js;
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
export const CKM_EDDSA = 0x1057;
export const CKK_EC_EDWARDS = 0x40;
/** CKA_EC_PARAMS of Ed25519: the OID 1.3.101.112 (RFC 8410). */
const ED25519_OID = Buffer.from('06032b6570', 'hex');

/** Generates a pair in the HSM; returns SPKI DER and PKCS#8 DER (the caller zeroes the PKCS#8). */
export async function generateEd25519(mod: pkcs11js.PKCS11, session: pkcs11js.Handle): Promise<{ spki: Buffer; pkcs8: Buffer }> {
  const pub: pkcs11js.Template = [
    { type: P.CKA_TOKEN, value: false },
    { type: P.CKA_EC_PARAMS, value: ED25519_OID },
    { type: P.CKA_VERIFY, value: true },
  ];
  // Readable once (not sensitive) so that the seed can be carried wrapped; the object is destroyed at once.
  const priv: pkcs11js.Template = [
    { type: P.CKA_TOKEN, value: false },
    { type: P.CKA_PRIVATE, value: false },
    { type: P.CKA_SENSITIVE, value: false },
    { type: P.CKA_EXTRACTABLE, value: true },
    { type: P.CKA_SIGN, value: true },
  ];
  const pair = await mod.C_GenerateKeyPairAsync(session, { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN }, pub, priv);
  try {
    const [point] = mod.C_GetAttributeValue(session, pair.publicKey, [{ type: P.CKA_EC_POINT }]);
    const [value] = mod.C_GetAttributeValue(session, pair.privateKey, [{ type: P.CKA_VALUE }]);
    const seed = value.value as Buffer;
    try {
      // CKA_EC_POINT: the 32-byte key, DER OCTET STRING wrapped (SoftHSM2) or bare.
      const p = point.value as Buffer;
      if (p.length < 32 || seed.length !== 32) throw cryptoFailure('the HSM returned a malformed Ed25519 key');
      return { spki: ed25519Spki(Buffer.from(p.subarray(p.length - 32))), pkcs8: ed25519Pkcs8(seed) };
    } finally {
      seed.fill(0);
    }
  } finally {
    for (const h of [pair.privateKey, pair.publicKey]) {
      try {
        mod.C_DestroyObject(session, h);
      } catch {
        // session objects die with the session
      }
    }
  }
}

/** A sensitive, non-extractable, sign-only Ed25519 session object from PKCS#8 DER (the caller zeroes the DER). */
export function ed25519Signer(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, pkcs8: Buffer): pkcs11js.Handle {
  const seed = ed25519Seed(pkcs8);
  try {
    return mod.C_CreateObject(session, [
      { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
      { type: P.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
      { type: P.CKA_TOKEN, value: false },
      { type: P.CKA_PRIVATE, value: false },
      { type: P.CKA_SENSITIVE, value: true },
      { type: P.CKA_EXTRACTABLE, value: false },
      { type: P.CKA_SIGN, value: true },
      { type: P.CKA_DERIVE, value: false },
      { type: P.CKA_EC_PARAMS, value: Buffer.from(ED25519_OID) },
      { type: P.CKA_VALUE, value: seed },
    ]);
  } finally {
    seed.fill(0);
  }
}

/** PureEdDSA signature (64 bytes) over data. */
export function hsmEdSign(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, data: Buffer): Buffer {
  mod.C_SignInit(session, { mechanism: CKM_EDDSA }, h);
  return Buffer.from(mod.C_Sign(session, data, Buffer.alloc(64)));
}

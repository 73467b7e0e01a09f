/**
 * Private-key operations in the HSM: RSA decryption (PKCS#1 v1.5, OAEP), RSA and ECDSA signatures, and
 * digests. Each function runs on one session with an unwrapped key handle (see HsmKeys.withKey in hsm-keys.ts).
 */
import * as pkcs11js from 'pkcs11js';
import type { DecipherParams, HashAlg, SignParams } from '../port';
import { ecdsaRawToDer, hashInfo } from '../common';
import { invalidField, notSupported } from '../errors';
import { oaepDecode } from '../padding';
import { hashMechanisms } from './mechanisms';

const P = pkcs11js;
/** PKCS#11 constant missing from pkcs11js's typings. */
const CKZ_DATA_SPECIFIED = 1;
/** Room for an 8192-bit RSA block. */
const OUT = 1024;

export function checkRsaDecryptParams(params: DecipherParams): void {
  const padding = params.padding ?? 'OAEP';
  if (padding !== 'OAEP' && padding !== 'PKCS1v15') throw notSupported(`padding method ${padding} is not supported for RSA decryption`);
  hashInfo(params.hash ?? 'SHA-1');
  hashInfo(params.mgfHash ?? params.hash ?? 'SHA-1');
}

export function hsmRsaDecrypt(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, h: pkcs11js.Handle, data: Buffer, params: DecipherParams): Buffer {
  const padding = params.padding ?? 'OAEP';
  const hash = params.hash ?? 'SHA-1';
  const mgfHash = params.mgfHash ?? hash;
  const label = params.label ?? Buffer.alloc(0);
  const out = Buffer.alloc(OUT);
  try {
    if (padding === 'PKCS1v15') {
      mod.C_DecryptInit(session, { mechanism: P.CKM_RSA_PKCS }, h);
      return Buffer.from(mod.C_Decrypt(session, data, out));
    }
    if (hash === 'SHA-1' && mgfHash === 'SHA-1' && label.length === 0) {
      const oaep: pkcs11js.RsaOAEP = { type: P.CK_PARAMS_RSA_OAEP, hashAlg: P.CKM_SHA_1, mgf: P.CKG_MGF1_SHA1, source: CKZ_DATA_SPECIFIED };
      mod.C_DecryptInit(session, { mechanism: P.CKM_RSA_PKCS_OAEP, parameter: oaep }, h);
      return Buffer.from(mod.C_Decrypt(session, data, out));
    }
    // SoftHSM2's OAEP takes SHA-1 without a label only: raw RSA in the HSM, OAEP decoding here.
    const [m] = mod.C_GetAttributeValue(session, h, [{ type: P.CKA_MODULUS }]);
    const k = (m.value as Buffer).length;
    if (data.length !== k) throw invalidField(`RSA ciphertext must be ${k} bytes`);
    mod.C_DecryptInit(session, { mechanism: P.CKM_RSA_X_509 }, h);
    const em = mod.C_Decrypt(session, data, out);
    const padded = Buffer.concat([Buffer.alloc(k - em.length), em]);
    try {
      return oaepDecode(padded, hash, mgfHash, label);
    } finally {
      padded.fill(0);
    }
  } finally {
    out.fill(0);
  }
}

export function hsmDigest(mod: pkcs11js.PKCS11, session: pkcs11js.Handle, data: Buffer, alg: HashAlg): Buffer {
  mod.C_DigestInit(session, { mechanism: hashMechanisms(alg).digest });
  return Buffer.from(mod.C_Digest(session, data, Buffer.alloc(64)));
}

export function hsmSign(
  mod: pkcs11js.PKCS11, session: pkcs11js.Handle, kh: pkcs11js.Handle, algorithm: 'RSA' | 'EC', data: Buffer, params: SignParams,
): Buffer {
  const h = hashInfo(params.hash);
  const out = Buffer.alloc(OUT);
  if (algorithm === 'EC') {
    // SoftHSM2 has no CKM_ECDSA_SHAx: digest first, then raw ECDSA in the HSM.
    const digest = params.prehashed ? data : hsmDigest(mod, session, data, params.hash);
    mod.C_SignInit(session, { mechanism: P.CKM_ECDSA }, kh);
    return ecdsaRawToDer(Buffer.from(mod.C_Sign(session, digest, out)));
  }
  if ((params.padding ?? 'PKCS1v15') === 'PSS') {
    const hm = hashMechanisms(params.hash);
    const pss: pkcs11js.RsaPSS = { type: P.CK_PARAMS_RSA_PSS, hashAlg: hm.digest, mgf: hm.mgf, saltLen: params.saltLength ?? h.bytes };
    mod.C_SignInit(session, { mechanism: params.prehashed ? P.CKM_RSA_PKCS_PSS : hm.rsaPss, parameter: pss }, kh);
    return Buffer.from(mod.C_Sign(session, data, out));
  }
  if (params.prehashed) {
    mod.C_SignInit(session, { mechanism: P.CKM_RSA_PKCS }, kh);
    return Buffer.from(mod.C_Sign(session, params.raw ? data : Buffer.concat([h.digestInfoPrefix, data]), out));
  }
  mod.C_SignInit(session, { mechanism: hashMechanisms(params.hash).rsaPkcs }, kh);
  return Buffer.from(mod.C_Sign(session, data, out));
}
